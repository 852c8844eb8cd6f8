using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Tests.Support;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// Every style in every format is read back by two independent decoders from pixels made by tools independent of our
/// renderers (<see cref="ExternalRasteriser"/>). Tolerance: ZXing gets the retries <see cref="QrDecoder.DecodeBitmap"/>
/// documents (two more scales, then its pure-barcode reader), as a phone retries at another distance; zbar gets one read
/// at the rasterised size and one at 71% — its scanner runs once per frame too. Nothing else is tolerated: the set is
/// deterministic, so one miss is a style to fix or refuse, not noise.
/// </summary>
public class TwoDecoderTests
{
    public static TheoryData<string, QrFormat> AllStylesByFormat()
    {
        var data = new TheoryData<string, QrFormat>();
        foreach (var (name, _) in TestData.Styles().Concat(TestData.StudioStyles()))
        {
            foreach (var format in TestData.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(AllStylesByFormat))]
    public void EveryStyleDecodesWithZxingAndZbarInEveryFormat(string styleName, QrFormat format)
    {
        var missing = ExternalRasteriser.Missing(format).Concat(ZbarReader.IsAvailable ? [] : ["zbarimg"]).ToList();
        Skip.If(missing.Count > 0, $"{string.Join(", ", missing)} not installed (Debian: zbar-tools, librsvg2-bin, poppler-utils, ghostscript)");
        var styles = TestData.Styles().Concat(TestData.StudioStyles()).ToArray();
        var style = styles.Single(s => s.Name == styleName).Style;
        var index = Array.FindIndex(styles, s => s.Name == styleName) + (int)format;
        var content = TestData.Contents[index % TestData.Contents.Length].Content;
        var expected = content.ToQrText();

        var image = QrRenderer.Render(new QrRenderRequest(content, format) { Style = style });
        var (grey, width, height) = ExternalRasteriser.Rasterise(image.Content, format);

        Assert.Equal(expected, ReadWithZxing(grey, width, height));
        Assert.Equal(expected, ReadWithZbar(grey, width, height));
    }

    internal static string? ReadWithZxing(byte[] grey, int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(grey, 0, bitmap.GetPixels(), grey.Length);
        using var rgba = bitmap.Copy(SkiaSharp.SKColorType.Rgba8888);
        return QrDecoder.DecodeBitmap(rgba);
    }

    internal static string? ReadWithZbar(byte[] grey, int width, int height)
    {
        if (ZbarReader.Read(grey, width, height, TimeSpan.FromSeconds(30)) is { } text)
        {
            return text;
        }

        var (smaller, w, h) = Scaled(grey, width, height, 0.71);
        return ZbarReader.Read(smaller, w, h, TimeSpan.FromSeconds(30));
    }

    private static (byte[] Grey, int Width, int Height) Scaled(byte[] grey, int width, int height, double scale)
    {
        var (w, h) = ((int)(width * scale), (int)(height * scale));
        var result = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                result[(y * w) + x] = grey[((int)(y / scale) * width) + (int)(x / scale)];
            }
        }

        return (result, w, h);
    }
}
