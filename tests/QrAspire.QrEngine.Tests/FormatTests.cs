using System.Xml.Linq;
using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

public class FormatTests
{
    private static readonly UrlQrContent Url = new("https://example.com/formats");

    [Fact]
    public void PlainSvgIsValidXmlWithOnePathForAllModules()
    {
        var svg = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Svg)).Content;

        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Single(document.Descendants(ns + "path"));
        Assert.Equal("512", document.Root!.Attribute("width")!.Value);
    }

    [Fact]
    public void StyledSvgWithLogoIsValidXmlWithEyesApart()
    {
        var style = QrStyle.Default with { Modules = ModuleShape.Dots, Eyes = EyeShape.Circle, Logo = TestData.Logo(SKEncodedImageFormat.Png) };

        var svg = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Svg) { Style = style }).Content;

        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, document.Descendants(ns + "path").Count());
        Assert.Single(document.Descendants(ns + "image"));
    }

    [Fact]
    public void PlainPngIsOneBitPalette()
    {
        var png = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Png)).Content;

        Assert.Equal((byte)1, png[24]); // bit depth
        Assert.Equal((byte)3, png[25]); // colour type: palette
        Assert.True(png.Length < 2000, $"{png.Length} bytes");
    }

    [Fact]
    public void TransparentPngCarriesAlphaForThePalette()
    {
        var png = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Png) { Style = QrStyle.Default with { Background = QrColour.Transparent } }).Content;

        Assert.Contains("tRNS", System.Text.Encoding.ASCII.GetString(png), StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(0, bitmap.GetPixel(0, 0).Alpha);
    }

    [Fact]
    public void PngHasExactlyTheRequestedSize()
    {
        var png = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Png) { Style = QrStyle.Default with { Size = 333 } }).Content;

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((333, 333), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void PdfCrossReferenceOffsetsPointAtTheirObjects()
    {
        var pdf = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Pdf) { Style = QrStyle.Default with { Logo = TestData.Logo(SKEncodedImageFormat.Jpeg) } }).Content;

        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.4\n", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
        var startXref = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 7\n", text[startXref..], StringComparison.Ordinal);
        var entries = text[startXref..].Split('\n').Skip(3).Take(6).ToArray();
        for (var i = 0; i < entries.Length; i++)
        {
            var offset = int.Parse(entries[i][..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i + 1} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("CreationDate", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfPageSizeFollowsSizeAndDpi()
    {
        var pdf = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Pdf) { Style = QrStyle.Default with { Size = 600, Dpi = 300 } }).Content;

        Assert.Contains("/MediaBox [0 0 144 144]", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void EpsHasBoundingBoxAndIsVector()
    {
        var eps = System.Text.Encoding.ASCII.GetString(QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Eps) { Style = QrStyle.Default with { Size = 600, Dpi = 300 } }).Content);

        Assert.StartsWith("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 144 144\n", eps, StringComparison.Ordinal);
        Assert.Contains(" R\n", eps, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", eps, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QrFormat.Png, "image/png", "png")]
    [InlineData(QrFormat.Svg, "image/svg+xml", "svg")]
    [InlineData(QrFormat.Pdf, "application/pdf", "pdf")]
    [InlineData(QrFormat.Eps, "application/postscript", "eps")]
    [InlineData(QrFormat.Jpeg, "image/jpeg", "jpg")]
    [InlineData(QrFormat.Webp, "image/webp", "webp")]
    public void RenderedImageNamesItsMediaTypeAndExtension(QrFormat format, string contentType, string extension)
    {
        var image = QrRenderer.Render(new QrRenderRequest(Url, format));

        Assert.Equal((contentType, extension), (image.ContentType, image.FileExtension));
    }

    [Fact]
    public void LogoRaisesErrorCorrectionToH()
    {
        var image = QrRenderer.Render(new QrRenderRequest(Url) { ErrorCorrection = ErrorCorrectionLevel.L, Style = QrStyle.Default with { Logo = TestData.Logo(SKEncodedImageFormat.Webp) } });

        Assert.Equal(ErrorCorrectionLevel.H, image.ErrorCorrection);
    }

    [Fact]
    public void JpegOfTransparentCodeIsFlattenedOntoWhite()
    {
        var jpeg = QrRenderer.Render(new QrRenderRequest(Url, QrFormat.Jpeg) { Style = QrStyle.Default with { Background = QrColour.Transparent } }).Content;

        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.True(bitmap.GetPixel(2, 2).Red > 240);
    }

    [Fact]
    public void LogoOnLargeSymbolStillDecodesAtHighVersion()
    {
        var text = new string('z', 300);
        var style = QrStyle.Default with { Size = 800, Logo = TestData.Logo(SKEncodedImageFormat.Png), Modules = ModuleShape.Dots };

        var image = QrRenderer.Render(new QrRenderRequest(new TextQrContent(text)) { Style = style });

        Assert.True(image.Version >= 15);
        Assert.Equal(text, QrDecoder.Decode(image.Content, QrFormat.Png));
    }
}
