using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;

namespace QrAspire.QrEngine.Tests;

/// <summary>Gradients, eye colours and logo pads: each format carries them, and unreadable choices are refused naming the field.</summary>
public class StudioStyleTests
{
    private static readonly UrlQrContent Content = new("https://example.com/studio");

    private static QrEngineException Refused(QrStyle style) =>
        Assert.Throws<QrEngineException>(() => QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = style }));

    [Fact]
    public void EveryPointAlongAnAcceptedGradientMeetsTheContrastThreshold()
    {
        var gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#c00000"), QrColour.Parse("#007a00"));

        QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = QrStyle.Default with { Gradient = gradient } });

        Assert.All(Enumerable.Range(0, 101), i => Assert.True(ColourContrast.Ratio(gradient.At(i / 100.0), QrColour.White) >= ColourContrast.MinimumRatio));
    }

    [Theory]
    [InlineData("#ffff00", "style.gradient.start")]
    [InlineData("#000000", "style.gradient.end")]
    public void AGradientEndBelowTheThresholdIsRefusedNamingThatEnd(string start, string field)
    {
        var gradient = field.EndsWith("start", StringComparison.Ordinal)
            ? new QrGradient(GradientKind.Radial, QrColour.Parse(start), QrColour.Black)
            : new QrGradient(GradientKind.Radial, QrColour.Black, QrColour.Parse("#eeeeee"));

        var error = Refused(QrStyle.Default with { Gradient = gradient });

        Assert.Equal(QrErrorCodes.ContrastTooLow, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ATranslucentGradientColourIsRefused()
    {
        var error = Refused(QrStyle.Default with { Gradient = new QrGradient(GradientKind.Linear, QrColour.Black, new QrColour(0, 0, 0, 128)) });

        Assert.Equal(QrErrorCodes.InvalidColour, error.Code);
        Assert.Equal("style.gradient.end", error.Field);
    }

    [Fact]
    public void AGradientAngleOutOfRangeIsRefused()
    {
        var error = Refused(QrStyle.Default with { Gradient = new QrGradient(GradientKind.Linear, QrColour.Black, QrColour.Black, 400) });

        Assert.Equal("style.gradient.angle", error.Field);
    }

    [Theory]
    [InlineData("#dddddd", null, "style.eyeFrameColour", QrErrorCodes.ContrastTooLow)]
    [InlineData(null, "#eeeeee", "style.eyeBallColour", QrErrorCodes.ContrastTooLow)]
    [InlineData("#00000080", null, "style.eyeFrameColour", QrErrorCodes.InvalidColour)]
    public void AnEyeColourScannersCannotReadIsRefusedNamingIt(string? frame, string? ball, string field, string code)
    {
        var error = Refused(QrStyle.Default with
        {
            EyeFrameColour = frame is null ? null : QrColour.Parse(frame),
            EyeBallColour = ball is null ? null : QrColour.Parse(ball),
        });

        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(-0.1, 0, "style.logoPadding")]
    [InlineData(2.5, 0, "style.logoPadding")]
    [InlineData(0.5, 0.6, "style.logoCornerRadius")]
    [InlineData(0.5, double.NaN, "style.logoCornerRadius")]
    public void LogoPadSettingsOutOfRangeAreRefused(double padding, double radius, string field)
    {
        var error = Refused(QrStyle.Default with { LogoPadding = padding, LogoCornerRadius = radius });

        Assert.Equal(QrErrorCodes.InvalidStyle, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ADarkLogoPadIsRefusedBecauseItWouldReadAsABlockOfModules()
    {
        var error = Refused(QrStyle.Default with { LogoBackground = QrColour.Parse("#333333") });

        Assert.Equal("style.logoBackground", error.Field);
    }

    [Fact]
    public void EveryFormatCarriesTheGradientAndEyeColours()
    {
        var style = QrStyle.Default with
        {
            Gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Parse("#004d40"), 30),
            EyeFrameColour = QrColour.Parse("#b71c1c"),
            EyeBallColour = QrColour.Parse("#0d47a1"),
        };

        var svg = System.Text.Encoding.UTF8.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Svg) { Style = style }).Content);
        var pdf = QrDecoder.PdfContent(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content);
        var pdfFile = System.Text.Encoding.Latin1.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = style }).Content);
        var eps = System.Text.Encoding.ASCII.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Eps) { Style = style }).Content);
        using var png = SkiaSharp.SKBitmap.Decode(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Png) { Style = style }).Content);

        Assert.Contains("<linearGradient id=\"g\"", svg, StringComparison.Ordinal);
        Assert.Contains("stop-color=\"#1a237e\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#b71c1c\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#0d47a1\"", svg, StringComparison.Ordinal);
        Assert.Contains("/ShadingType 2", pdfFile, StringComparison.Ordinal);
        Assert.Contains("/Sh sh", pdf, StringComparison.Ordinal);
        Assert.Contains("0.7176 0.1098 0.1098 rg", pdf, StringComparison.Ordinal);
        Assert.Contains("0.7176 0.1098 0.1098 setrgbcolor", eps, StringComparison.Ordinal);
        // More than the four colours of a flat render: the gradient's steps.
        Assert.True(eps.Split("setrgbcolor").Length > 20, "EPS paints the gradient in steps");
        var colours = new HashSet<SkiaSharp.SKColor>();
        for (var x = 0; x < png.Width; x += 3)
        {
            colours.Add(png.GetPixel(x, png.Height / 2));
        }

        Assert.True(colours.Count > 10, $"PNG shows {colours.Count} colours across the middle row");
    }

    [Fact]
    public void TheLogoPadIsFilledWithItsBackgroundInEveryFormat()
    {
        var style = QrStyle.Default with { Logo = TestData.Logo(SkiaSharp.SKEncodedImageFormat.Png), LogoBackground = QrColour.Parse("#fff3e0"), LogoCornerRadius = 0.25 };

        foreach (var format in TestData.Formats)
        {
            var image = QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style });
            var text = format switch
            {
                QrFormat.Svg => System.Text.Encoding.UTF8.GetString(image.Content),
                QrFormat.Pdf => QrDecoder.PdfContent(image.Content),
                QrFormat.Eps => System.Text.Encoding.ASCII.GetString(image.Content),
                _ => null,
            };
            if (text is not null)
            {
                Assert.True(text.Contains("fff3e0", StringComparison.Ordinal) || text.Contains("1 0.9529 0.8784", StringComparison.Ordinal), $"{format} has the pad colour");
                continue;
            }

            using var bitmap = SkiaSharp.SKBitmap.Decode(image.Content);
            var matrix = Encoding.QrEncoder.Encode(Content.ToQrText(), Encoding.ErrorCorrectionLevel.H);
            var layout = new Rendering.QrLayout(matrix, style, hasLogo: true);
            var scale = layout.PixelsPerModule(style.Size);
            var origin = (style.Size - (scale * layout.TotalModules)) / 2;
            // A quarter module inside the pad's left edge, halfway down: pad, not logo (half a module in) nor module.
            var x = origin + (int)((layout.QuietZone + layout.LogoPadStart + 0.25) * scale);
            var y = origin + (int)((layout.QuietZone + layout.LogoPadStart + (layout.LogoPadModules / 2.0)) * scale);
            var pixel = bitmap.GetPixel(x, y);
            Assert.True(Near(pixel, new SkiaSharp.SKColor(0xff, 0xf3, 0xe0)), $"{format}: {pixel} at ({x},{y})");
        }
    }

    private static bool Near(SkiaSharp.SKColor actual, SkiaSharp.SKColor expected) =>
        Math.Abs(actual.Red - expected.Red) + Math.Abs(actual.Green - expected.Green) + Math.Abs(actual.Blue - expected.Blue) <= 12;
}
