using System.Globalization;
using System.Text.RegularExpressions;
using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// Print-ready output checked with the tools a print shop uses: poppler reads the PDF boxes and renders the page,
/// Ghostscript counts ink and measures EPS, librsvg sizes the SVG; the rendered trim decodes with ZXing and zbar.
/// </summary>
public sealed partial class PrintOutputTests
{
    private const double PointsPerMm = 72 / 25.4;

    private static readonly UrlQrContent Content = new("https://qr.example.com/r/print30");

    private static readonly QrPrint ThirtyMillimetres = new() { Width = 30, Unit = PrintUnit.Millimetre, Bleed = 3, CropMarks = true };

    [SkippableFact]
    public void APdfOf30MmWith3MmBleedHasExactBoxesInPoints()
    {
        SkipUnless("pdfinfo");
        var pdf = Render(QrFormat.Pdf, ThirtyMillimetres);

        var (info, _) = PrintTools.Run("pdfinfo", pdf, "pdf", "-box", "{in}");

        // Trim 30 mm = 85.04 pt; bleed 3 mm = 8.50 pt; marks from the bleed's edge, 18 pt long.
        var trim = 30 * PointsPerMm;
        var bleed = 3 * PointsPerMm;
        var margin = bleed + 18;
        AssertBox(info, "MediaBox", 0, trim + (2 * margin));
        AssertBox(info, "TrimBox", margin, margin + trim);
        AssertBox(info, "BleedBox", margin - bleed, margin + trim + bleed);
    }

    [SkippableFact]
    public void AFramedPrintPdfTrimsTheCodeAtItsWidthAndTheFrameInProportionAndDecodes()
    {
        SkipUnless("pdfinfo");
        SkipUnless("pdftoppm");
        Skip.IfNot(ZbarReader.IsAvailable, "zbarimg not installed (Debian: zbar-tools)");
        var style = QrStyle.Default with { Print = ThirtyMillimetres, Frame = new QrFrame(FrameDesign.BannerBottom, "Scan me") };
        var pdf = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content;
        // The same image in pixels: the code is Size wide, the frame grows the canvas around it.
        using var canvas = SKBitmap.Decode(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = style }).Content)!;

        var (info, _) = PrintTools.Run("pdfinfo", pdf, "pdf", "-box", "{in}");

        var pointsPerPixel = 30 * PointsPerMm / style.Size;
        var (trimWidth, trimHeight) = (canvas.Width * pointsPerPixel, canvas.Height * pointsPerPixel);
        var margin = (3 * PointsPerMm) + 18;
        Assert.True(trimHeight > trimWidth && trimWidth > 30 * PointsPerMm, $"{trimWidth} x {trimHeight} pt");
        AssertBox(info, "TrimBox", margin, margin + trimWidth, margin + trimHeight);
        AssertBox(info, "MediaBox", 0, trimWidth + (2 * margin), trimHeight + (2 * margin));
        var (_, png) = PrintTools.Run("pdftoppm", pdf, "pdf", "-png", "-r", "600", "-singlefile", "{in}", "{out}");
        using var page = SKBitmap.Decode(png)!;
        var expected = Content.ToQrText();
        Assert.Equal(expected, QrDecoder.DecodeBitmap(page));
        var (grey, width, height) = ExternalRasteriser.Grey(page);
        Assert.Equal(expected, ZbarReader.Read(grey, width, height, TimeSpan.FromSeconds(30)));
    }

    [SkippableFact]
    public void APrintPdfRendersAtItsTrimSizeAndDecodesWithZxingAndZbar()
    {
        SkipUnless("pdftoppm");
        Skip.IfNot(ZbarReader.IsAvailable, "zbarimg not installed (Debian: zbar-tools)");
        var pdf = Render(QrFormat.Pdf, ThirtyMillimetres);

        var (_, png) = PrintTools.Run("pdftoppm", pdf, "pdf", "-png", "-r", "600", "-singlefile", "{in}", "{out}");

        using var page = SKBitmap.Decode(png)!;
        var margin = (int)Math.Round(((3 * PointsPerMm) + 18) / 72 * 600);
        var trim = (int)Math.Round(30 / 25.4 * 600);
        Assert.InRange(page.Width, trim + (2 * margin) - 1, trim + (2 * margin) + 1);
        using var trimmed = new SKBitmap(trim, trim);
        Assert.True(page.ExtractSubset(trimmed, SKRectI.Create(margin, margin, trim, trim)));
        var expected = Content.ToQrText();
        Assert.Equal(expected, QrDecoder.DecodeBitmap(trimmed));
        var (grey, width, height) = ExternalRasteriser.Grey(trimmed);
        Assert.Equal(expected, ZbarReader.Read(grey, width, height, TimeSpan.FromSeconds(30)));
    }

    [SkippableFact]
    public void TheBleedCarriesTheBackgroundAndTheMarksSitOutsideIt()
    {
        SkipUnless("pdftoppm");
        var style = QrStyle.Default with { Background = QrColour.Parse("#ffe000"), Print = ThirtyMillimetres };
        var pdf = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content;

        var (_, png) = PrintTools.Run("pdftoppm", pdf, "pdf", "-png", "-r", "144", "-singlefile", "{in}", "{out}");

        using var page = SKBitmap.Decode(png)!;
        var pixelsPerPoint = 2.0;
        var margin = ((3 * PointsPerMm) + 18) * pixelsPerPoint;
        var bleed = 3 * PointsPerMm * pixelsPerPoint;
        // Inside the bleed, just outside the trim: the background. Outside the bleed, off the marks: white paper.
        var inBleed = page.GetPixel((int)(margin - (bleed / 2)), page.Height / 2);
        var outside = page.GetPixel((int)(margin - bleed - 4), page.Height / 2);
        Assert.Equal(new SKColor(0xff, 0xe0, 0x00), inBleed);
        Assert.Equal(SKColors.White, outside);
        // A crop mark continues the trim's top edge to the left, outside the bleed.
        var mark = page.GetPixel((int)(margin - bleed - 12), (int)Math.Round(margin));
        Assert.True(mark.Red < 160, $"expected a dark crop mark, got {mark}");
    }

    [SkippableFact]
    public void ABlackOnlyCmykPdfUsesOnlyBlackInk()
    {
        SkipUnless("gs");
        var pdf = Render(QrFormat.Pdf, new QrPrint { Width = 30, ColourSpace = PrintColourSpace.Cmyk });

        var inks = InkCoverage(pdf, "pdf");

        Assert.Equal(0, inks.C);
        Assert.Equal(0, inks.M);
        Assert.Equal(0, inks.Y);
        Assert.True(inks.K > 0.05, $"expected black ink, got {inks}");
        var operators = QrDecoder.PdfContent(pdf);
        Assert.Contains("0 0 0 1 k", operators, StringComparison.Ordinal);
        Assert.DoesNotContain(" rg", operators, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ABlackOnlyCmykEpsUsesOnlyBlackInk()
    {
        SkipUnless("gs");
        var eps = Render(QrFormat.Eps, new QrPrint { Width = 30, ColourSpace = PrintColourSpace.Cmyk });

        var inks = InkCoverage(eps, "eps");

        Assert.Equal(0, inks.C + inks.M + inks.Y);
        Assert.True(inks.K > 0.05, $"expected black ink, got {inks}");
        Assert.DoesNotContain("setrgbcolor", System.Text.Encoding.ASCII.GetString(eps), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ACmykColourKeepsItsInksInPdfAndEpsAndShowsItsConversionInPng()
    {
        SkipUnless("gs");
        var style = QrStyle.Default with { Foreground = QrColour.Parse("cmyk(100%, 60%, 0%, 40%)", "style.foreground") };

        var pdf = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content;
        var eps = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Eps) { Style = style }).Content;
        var png = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = style }).Content;

        Assert.Contains("1 0.6 0 0.4 k", QrDecoder.PdfContent(pdf), StringComparison.Ordinal);
        Assert.Contains("1 0.6 0 0.4 setcmykcolor", System.Text.Encoding.ASCII.GetString(eps), StringComparison.Ordinal);
        var inks = InkCoverage(pdf, "pdf");
        Assert.True(inks.C > 0 && inks.M > 0 && inks.K > 0 && inks.Y == 0, $"expected cyan, magenta and black only, got {inks}");
        // R = 255 × (1 − 1) × 0.6 = 0, G = 255 × 0.4 × 0.6 = 61, B = 255 × 1 × 0.6 = 153.
        using var bitmap = SKBitmap.Decode(png);
        Assert.Contains(new SKColor(0, 61, 153), Enumerable.Range(0, bitmap.Width).Select(x => bitmap.GetPixel(x, bitmap.Height / 2)));
        Assert.Equal(Content.ToQrText(), QrDecoder.DecodeRaster(png));
    }

    [SkippableFact]
    public void ACmykGradientIsADeviceCmykShadingInPdfAndCmykBandsInEps()
    {
        SkipUnless("pdftoppm");
        var gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Black, 45);
        var style = QrStyle.Default with { Gradient = gradient, Print = new QrPrint { Width = 40, ColourSpace = PrintColourSpace.Cmyk } };

        var pdf = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content;
        var eps = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Eps) { Style = style }).Content;

        Assert.Contains("/ShadingType 2 /ColorSpace /DeviceCMYK", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        Assert.DoesNotContain("setrgbcolor", System.Text.Encoding.ASCII.GetString(eps), StringComparison.Ordinal);
        var (grey, width, height) = ExternalRasteriser.Rasterise(pdf, QrFormat.Pdf);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(grey, 0, bitmap.GetPixels(), grey.Length);
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        Assert.Equal(Content.ToQrText(), QrDecoder.DecodeBitmap(rgba));
    }

    [SkippableTheory]
    [InlineData(QrFormat.Pdf)]
    [InlineData(QrFormat.Eps)]
    public void ACmykCodeWithALogoHasACmykLogoAndDecodesWithBothDecoders(QrFormat format)
    {
        SkipUnless(format == QrFormat.Pdf ? "pdfimages" : "gs");
        SkipUnless(format == QrFormat.Pdf ? "pdftoppm" : "gs");
        Skip.IfNot(ZbarReader.IsAvailable, "zbarimg not installed (Debian: zbar-tools)");
        var style = QrStyle.Default with
        {
            Logo = TestData.Logo(SKEncodedImageFormat.Png),
            Modules = ModuleShape.Rounded,
            Print = new QrPrint { Width = 40, Bleed = 3, CropMarks = true, ColourSpace = PrintColourSpace.Cmyk },
        };

        var image = QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style }).Content;

        if (format == QrFormat.Pdf)
        {
            var (images, _) = PrintTools.Run("pdfimages", image, "pdf", "-list", "{in}");
            Assert.Matches(@"\n\s*1\s+0\s+image\s+\d+\s+\d+\s+cmyk\s+4\s+8", images);
            Assert.Matches(@"\n\s*1\s+1\s+smask\s+\d+\s+\d+\s+gray\s+1\s+8", images);
        }
        else
        {
            var text = System.Text.Encoding.ASCII.GetString(image);
            Assert.Contains("/DeviceCMYK setcolorspace", text, StringComparison.Ordinal);
            Assert.DoesNotContain("setrgbcolor", text, StringComparison.Ordinal);
        }

        var (grey, width, height) = ExternalRasteriser.Rasterise(image, format);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(grey, 0, bitmap.GetPixels(), grey.Length);
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        Assert.Equal(Content.ToQrText(), QrDecoder.DecodeBitmap(rgba));
        Assert.Equal(Content.ToQrText(), ZbarReader.Read(grey, width, height, TimeSpan.FromSeconds(30)));
    }

    [SkippableFact]
    public void AnEpsBoundingBoxIsExactInPointsAndHoldsEverythingDrawn()
    {
        SkipUnless("gs");
        var eps = Render(QrFormat.Eps, ThirtyMillimetres);
        var text = System.Text.Encoding.ASCII.GetString(eps);
        var media = (30 * PointsPerMm) + (2 * ((3 * PointsPerMm) + 18));

        var hiRes = Regex.Match(text, @"%%HiResBoundingBox: 0 0 ([\d.]+) ([\d.]+)");
        Assert.Equal(media, double.Parse(hiRes.Groups[1].Value, CultureInfo.InvariantCulture), 3);
        Assert.Equal(media, double.Parse(hiRes.Groups[2].Value, CultureInfo.InvariantCulture), 3);
        Assert.Contains($"%%BoundingBox: 0 0 {Math.Ceiling(media)} {Math.Ceiling(media)}\n", text, StringComparison.Ordinal);

        var (bbox, _) = PrintTools.Run("gs", eps, "eps", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=bbox", "{in}");
        var drawn = Regex.Match(bbox, @"%%HiResBoundingBox: (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+)");
        Assert.True(drawn.Success, bbox);
        var corners = Enumerable.Range(1, 4).Select(i => double.Parse(drawn.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        // The crop marks reach the box's edges; a quarter-point hairline may spill half its width.
        Assert.All(corners[..2], c => Assert.InRange(c, -0.2, 0.2));
        Assert.All(corners[2..], c => Assert.InRange(c, media - 0.2, media + 0.2));
    }

    [Fact]
    public void ARasterOfAPrintWidthIsWidthTimesDpiAndCarriesTheDpi()
    {
        var png = Render(QrFormat.Png, new QrPrint { Width = 30 });
        var styled = QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png)
        {
            Style = QrStyle.Default with { Modules = ModuleShape.Dots, Print = new QrPrint { Width = 1.2, Unit = PrintUnit.Inch }, Dpi = 600 },
        }).Content;
        var jpeg = Render(QrFormat.Jpeg, new QrPrint { Width = 30 });

        // 30 mm at 300 dpi = 354.3 px; 300 dpi = 11,811 px per metre.
        Assert.Equal((354, 11_811), PngSizeAndDensity(png));
        Assert.Equal((720, 23_622), PngSizeAndDensity(styled));
        Assert.Equal(Content.ToQrText(), QrDecoder.DecodeRaster(png));
        Assert.Equal(Content.ToQrText(), QrDecoder.DecodeRaster(styled));
        using var decoded = SKBitmap.Decode(jpeg);
        Assert.Equal(354, decoded.Width);
        Assert.Equal("JFIF\0"u8.ToArray(), jpeg[6..11]);
        Assert.Equal(1, jpeg[13]);
        Assert.Equal(300, (jpeg[14] << 8) | jpeg[15]);
        Assert.Equal(300, (jpeg[16] << 8) | jpeg[17]);
    }

    [SkippableFact]
    public void AnSvgOfAPrintWidthHasItsWidthInMillimetres()
    {
        SkipUnless("rsvg-convert");
        var svg = Render(QrFormat.Svg, new QrPrint { Width = 30 });
        var text = System.Text.Encoding.UTF8.GetString(svg);

        Assert.Contains("width=\"30mm\" height=\"30mm\" viewBox=\"0 0 ", text, StringComparison.Ordinal);
        var (_, png) = PrintTools.Run("rsvg-convert", svg, "svg", "--dpi-x=300", "--dpi-y=300", "-o", "{out}.png", "{in}");
        using var bitmap = SKBitmap.Decode(png)!;
        Assert.InRange(bitmap.Width, 354, 355);
    }

    [Fact]
    public void WithoutPrintOptionsAPdfHasNoPrintBoxesAndRgbColours()
    {
        var pdf = System.Text.Encoding.Latin1.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf)).Content);

        Assert.Contains("/MediaBox [0 0 122.88 122.88]", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("/TrimBox", pdf, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, PrintUnit.Millimetre, 300, "style.print.width")]
    [InlineData(0.3, PrintUnit.Inch, 300, "style.print.width")]
    [InlineData(9, PrintUnit.Millimetre, 72, "style.print.width")]
    [InlineData(-30, PrintUnit.Millimetre, 300, "style.print.width")]
    [InlineData(201, PrintUnit.Inch, 72, "style.print.width")]
    public void APrintWidthBelowWhatTheContentCarriesIsRefused(double width, PrintUnit unit, int dpi, string field)
    {
        // A version 10 code (65 modules with its quiet zone): 10 mm gives 0.15 mm modules.
        var content = new TextQrContent(new string('x', 200));
        var style = QrStyle.Default with { Dpi = dpi, Print = new QrPrint { Width = width, Unit = unit } };

        var error = Assert.Throws<QrEngineException>(() => QrRenderer.Render(new QrRenderRequest(content, QrFormat.Pdf) { Style = style }));

        Assert.Equal(field, error.Field);
        Assert.Equal(QrErrorCodes.InvalidSize, error.Code);
    }

    [Fact]
    public void TheSmallestWidthTheRuleAllowsRendersAndOneLessDoesNot()
    {
        // Version 3 with a 4-module quiet zone: 37 modules × max(4 dots at 300 dpi, 0.254 mm) = 37 × 0.3387 mm = 12.53 mm.
        var at = QrStyle.Default with { Print = new QrPrint { Width = 12.54 } };
        var under = QrStyle.Default with { Print = new QrPrint { Width = 12.5 } };

        Assert.NotEmpty(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = at }).Content);
        var error = Assert.Throws<QrEngineException>(() => QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = under }));
        Assert.Contains("at least 12.54 mm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARasterWiderThanTheLargestImageIsRefusedButAVectorOfTheSameWidthIsNot()
    {
        var style = QrStyle.Default with { Dpi = 1200, Print = new QrPrint { Width = 100 } };

        var error = Assert.Throws<QrEngineException>(() => QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = style }));

        Assert.Equal("style.print.width", error.Field);
        Assert.NotEmpty(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(26)]
    [InlineData(double.NaN)]
    public void ABleedOutOfRangeIsRefused(double bleed)
    {
        var style = QrStyle.Default with { Print = new QrPrint { Width = 30, Bleed = bleed } };

        var error = Assert.Throws<QrEngineException>(style.Validate);

        Assert.Equal("style.print.bleed", error.Field);
    }

    [Theory]
    [InlineData("cmyk(0,0,0,100)", 0, 0, 0, 1)]
    [InlineData("CMYK( 12.5% , 0% ,100%, 5 )", 0.125, 0, 1, 0.05)]
    public void CmykColoursParse(string text, double c, double m, double y, double k)
    {
        var colour = QrColour.Parse(text);

        Assert.Equal(new CmykColour(c, m, y, k), colour.Cmyk);
        Assert.Equal(new CmykColour(c, m, y, k), colour.ToCmyk());
    }

    [Theory]
    [InlineData("cmyk(0,0,0)")]
    [InlineData("cmyk(0,0,0,0,0)")]
    [InlineData("cmyk(101,0,0,0)")]
    [InlineData("cmyk(-1,0,0,0)")]
    [InlineData("cmyk(a,b,c,d)")]
    [InlineData("cmyk(0,0,0,100")]
    [InlineData("cmyk(0;0;0;100)")]
    public void AMalformedCmykColourIsRefusedNamingTheField(string text)
    {
        var error = Assert.Throws<QrEngineException>(() => QrColour.Parse(text, "style.foreground"));

        Assert.Equal(QrErrorCodes.InvalidColour, error.Code);
        Assert.Equal("style.foreground", error.Field);
    }

    [Theory]
    [InlineData("#000000", 0, 0, 0, 1)]
    [InlineData("#ffffff", 0, 0, 0, 0)]
    [InlineData("#ff0000", 0, 1, 1, 0)]
    [InlineData("#336699", 0.6667, 0.3333, 0, 0.4)]
    public void RgbConvertsToCmykByTheNaiveDeviceFormula(string rgb, double c, double m, double y, double k)
    {
        var inks = QrColour.Parse(rgb).ToCmyk();

        Assert.Equal(c, inks.C, 4);
        Assert.Equal(m, inks.M, 4);
        Assert.Equal(y, inks.Y, 4);
        Assert.Equal(k, inks.K, 4);
    }

    private static byte[] Render(QrFormat format, QrPrint print) =>
        QrRenderer.Render(new QrRenderRequest(Content, format) { Style = QrStyle.Default with { Print = print } }).Content;

    private static void SkipUnless(string tool)
    {
        var missing = PrintTools.Missing(tool);
        Skip.If(missing.Length > 0, $"{tool} not installed (Debian: poppler-utils, ghostscript, librsvg2-bin)");
    }

    private static void AssertBox(string info, string name, double low, double high) => AssertBox(info, name, low, high, high);

    private static void AssertBox(string info, string name, double low, double right, double top)
    {
        var match = Regex.Match(info, name + @":\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        Assert.True(match.Success, info);
        var values = Enumerable.Range(1, 4).Select(i => double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        // pdfinfo prints two decimals.
        Assert.Equal([low, low, right, top], values, (a, b) => Math.Abs(a - b) <= 0.006);
    }

    private static (double C, double M, double Y, double K) InkCoverage(byte[] file, string extension)
    {
        var arguments = extension == "eps"
            ? new[] { "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dEPSCrop", "-sDEVICE=inkcov", "-sOutputFile=-", "{in}" }
            : ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=inkcov", "-sOutputFile=-", "{in}"];
        var (output, _) = PrintTools.Run("gs", file, extension, arguments);
        var match = InkLine().Match(output);
        Assert.True(match.Success, output);
        var inks = Enumerable.Range(1, 4).Select(i => double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        return (inks[0], inks[1], inks[2], inks[3]);
    }

    private static (int Width, int PixelsPerMetre) PngSizeAndDensity(byte[] png)
    {
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var at = png.AsSpan().IndexOf("pHYs"u8);
        Assert.True(at > 0, "no pHYs chunk");
        Assert.Equal(1, png[at + 12]);
        return (width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 4)));
    }

    [GeneratedRegex(@"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK")]
    private static partial Regex InkLine();
}
