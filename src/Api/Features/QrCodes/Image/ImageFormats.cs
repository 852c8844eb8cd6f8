using QrAspire.QrEngine;

namespace QrAspire.Api.Features.QrCodes.Image;

internal static class ImageFormats
{
    public static bool TryParse(string? name, out QrFormat format)
    {
        try
        {
            format = QrFormats.Parse(name);
            return true;
        }
        catch (QrEngineException)
        {
            format = QrFormat.Png;
            return false;
        }
    }
}
