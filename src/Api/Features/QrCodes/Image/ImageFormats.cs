using QrAspire.QrEngine;

namespace QrAspire.Api.Features.QrCodes.Image;

/// <summary>Image format names as clients give them (png, svg, pdf, eps, jpg or jpeg, webp); the image, render and batch endpoints share them.</summary>
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
