using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Rendering;
using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// Frames with call-to-action text: every design in every format is read by ZXing and zbar (with the tolerance
/// <see cref="TwoDecoderTests"/> states), vector outputs carry the text as paths and no font, the code keeps its size
/// while the canvas grows, and bad frames are refused naming the field.
/// </summary>
public class FrameTests
{
    private static readonly UrlQrContent Content = new("https://example.com/frames");

    /// <summary>Each design once, with colours, shapes, gradients, a logo and scripts besides Latin.</summary>
    public static (string Name, QrStyle Style)[] FrameStyles() =>
    [
        ("frame-banner-bottom", QrStyle.Default with { Frame = new QrFrame(FrameDesign.BannerBottom, "Scan me") }),
        ("frame-banner-top", QrStyle.Default with
        {
            Modules = ModuleShape.Rounded,
            Eyes = EyeShape.RoundedSquare,
            Foreground = QrColour.Parse("#1a237e"),
            Frame = new QrFrame(FrameDesign.BannerTop, "Menü & Preise →") { Colour = QrColour.Parse("#c62828") },
        }),
        ("frame-box", QrStyle.Default with
        {
            Gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Parse("#00695c"), 45),
            Frame = new QrFrame(FrameDesign.Box, "SCAN TO ORDER") { Colour = QrColour.Parse("#00695c") },
        }),
        ("frame-box-no-text", QrStyle.Default with { Modules = ModuleShape.Dots, Eyes = EyeShape.Rounded, Frame = new QrFrame(FrameDesign.Box, null) }),
        ("frame-bubble", QrStyle.Default with
        {
            Logo = TestData.Logo(SKEncodedImageFormat.Png),
            LogoBackground = QrColour.White,
            Gradient = new QrGradient(GradientKind.Radial, QrColour.Parse("#4a148c"), QrColour.Parse("#000000")),
            Modules = ModuleShape.RoundedSquare,
            Eyes = EyeShape.RoundedSquare,
            Frame = new QrFrame(FrameDesign.Bubble, "Сканируй меня!") { Colour = QrColour.Parse("#4a148c"), TextColour = QrColour.Parse("#fff59d") },
        }),
        ("frame-banner-long-transparent", QrStyle.Default with
        {
            Background = QrColour.Transparent,
            Frame = new QrFrame(FrameDesign.BannerBottom, "Scannez pour voir le menu 123"),
        }),
    ];

    public static TheoryData<string, QrFormat> FrameStylesByFormat()
    {
        var data = new TheoryData<string, QrFormat>();
        foreach (var (name, _) in FrameStyles())
        {
            foreach (var format in TestData.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(FrameStylesByFormat))]
    public void EveryFrameDesignDecodesWithZxingAndZbarInEveryFormat(string styleName, QrFormat format)
    {
        var missing = ExternalRasteriser.Missing(format).Concat(ZbarReader.IsAvailable ? [] : ["zbarimg"]).ToList();
        Skip.If(missing.Count > 0, $"{string.Join(", ", missing)} not installed (Debian: zbar-tools, librsvg2-bin, poppler-utils, ghostscript)");
        var style = FrameStyles().Single(s => s.Name == styleName).Style;
        var content = TestData.Contents[(styleName.Length + (int)format) % TestData.Contents.Length].Content;
        var expected = content.ToQrText();

        var image = QrRenderer.Render(new QrRenderRequest(content, format) { Style = style });
        var (grey, width, height) = ExternalRasteriser.Rasterise(image.Content, format);

        Assert.Equal(expected, TwoDecoderTests.ReadWithZxing(grey, width, height));
        Assert.Equal(expected, TwoDecoderTests.ReadWithZbar(grey, width, height));
    }

    [Theory]
    [InlineData(QrFormat.Svg)]
    [InlineData(QrFormat.Pdf)]
    [InlineData(QrFormat.Eps)]
    public void VectorOutputsCarryTheTextAsPathsWithoutAnyFont(QrFormat format)
    {
        foreach (var (name, style) in FrameStyles())
        {
            var image = QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style });
            var text = System.Text.Encoding.Latin1.GetString(image.Content);
            string[] forbidden = format switch
            {
                QrFormat.Svg => ["<text", "font", "<tspan", "@font-face"],
                QrFormat.Pdf => ["/Font", "/FontFile", "BT\n", " Tj", " TJ", " Tf"],
                _ => ["findfont", "selectfont", "scalefont", "setfont", " show\n", "%%DocumentFonts", "%%IncludeFont"],
            };
            var searched = format == QrFormat.Pdf ? text + QrDecoder.PdfContent(image.Content) : text;

            Assert.All(forbidden, f => Assert.DoesNotContain(f, searched, StringComparison.Ordinal));
            if (style.Frame!.Text is null)
            {
                continue;
            }

            // The text is there as filled outlines: more drawing than the same code with a frame and no text.
            var untexted = QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style with { Frame = style.Frame with { Design = FrameDesign.Box, Text = null } } });
            Assert.True(image.Content.Length > untexted.Content.Length + 200, $"{name}: no text outline drawn");
        }
    }

    [Theory]
    [InlineData(FrameDesign.BannerBottom, 548, 632, 18, 18)]
    [InlineData(FrameDesign.BannerTop, 548, 632, 18, 102)]
    [InlineData(FrameDesign.Box, 524, 611, 6, 6)]
    [InlineData(FrameDesign.Bubble, 512, 645, 0, 0)]
    public void TheCodeKeepsItsSizeAndTheCanvasGrowsAroundIt(FrameDesign design, int width, int height, int codeX, int codeY)
    {
        var plain = QrStyle.Default with { Modules = ModuleShape.Rounded };
        var framed = plain with { Frame = new QrFrame(design, "Scan me") };

        using var alone = SKBitmap.Decode(QrRenderer.Render(new QrRenderRequest(Content) { Style = plain }).Content);
        using var inFrame = SKBitmap.Decode(QrRenderer.Render(new QrRenderRequest(Content) { Style = framed }).Content);
        var svg = System.Text.Encoding.UTF8.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Svg) { Style = framed }).Content);
        var pdf = System.Text.Encoding.Latin1.GetString(QrRenderer.Render(new QrRenderRequest(Content, QrFormat.Pdf) { Style = framed }).Content);

        Assert.Equal((width, height), (inFrame.Width, inFrame.Height));
        Assert.Contains($"width=\"{width}\" height=\"{height}\"", svg, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"/MediaBox [0 0 {width * 72 / 300.0:0.####} {height * 72 / 300.0:0.####}]"), pdf, StringComparison.Ordinal);
        // The code's box, quiet zone included, is pixel for pixel the unframed code: same size, nothing of the frame in it.
        for (var y = 0; y < alone.Height; y++)
        {
            for (var x = 0; x < alone.Width; x++)
            {
                Assert.Equal(alone.GetPixel(x, y), inFrame.GetPixel(codeX + x, codeY + y));
            }
        }
    }

    [Theory]
    [InlineData(FrameDesign.BannerBottom, 64)]
    [InlineData(FrameDesign.BannerTop, 1000)]
    [InlineData(FrameDesign.Box, 333)]
    [InlineData(FrameDesign.Bubble, 4096)]
    public void TheMemoryBoundsCanvasIsTheLaidOutCanvas(FrameDesign design, int size)
    {
        var style = QrStyle.Default with { Size = size, Frame = new QrFrame(design, "Scan me") };

        var layout = new FrameLayout(style.Frame, style);

        Assert.Equal((layout.Width, layout.Height), FrameLayout.Canvas(style));
    }

    public static TheoryData<string> FrameStyleNames() => new(FrameStyles().Select(style => style.Name));

    [Theory]
    [MemberData(nameof(FrameStyleNames))]
    public void ARasterFrameIsItsVectorOutlineFilled(string styleName)
    {
        // Raster formats draw the frame as a rounded rectangle less its hole and the text through SkiaSharp's glyph
        // cache; the reference fills the outlines SVG, PDF and EPS carry. Outside the code's box they must agree.
        var style = FrameStyles().Single(s => s.Name == styleName).Style;
        var layout = new QrLayout(Encoding.QrEncoder.Encode(Content.ToQrText(), Encoding.ErrorCorrectionLevel.Q), style, hasLogo: false);
        var frame = layout.Frame!;
        using var painted = RasterRenderer.Rasterise(layout, logo: null, opaque: true);
        using var reference = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(reference))
        {
            canvas.Clear(RasterRenderer.ToSk(style.Background.Over(QrColour.White)));
            Fill(canvas, sink => frame.EmitFrame(sink, 0, 0, 1), new SkiaPathSink(), frame.FrameColour);
            Fill(canvas, sink => frame.EmitText(sink, 0, 0, 1), new SkiaPathSink(SKPathFillType.Winding), frame.TextColour);
        }

        // Anti-aliased edges are left out: SkiaSharp's path and glyph rasterisers shade them differently (glyphs get
        // its text contrast boost: light text on dark by up to 124 of 255). Every pixel whose neighbours are all of its
        // colour in the reference must be that colour (seen: exactly). Text drawn a pixel to the side fails four of the
        // five texts here by 12 to 83; a wrong frame colour or a misplaced border changes large flat areas.
        var (worst, compared) = (0, 0);
        for (var y = 1; y < frame.Height - 1; y++)
        {
            for (var x = 1; x < frame.Width - 1; x++)
            {
                if (x >= frame.CodeX - 1 && x <= frame.CodeX + style.Size && y >= frame.CodeY - 1 && y <= frame.CodeY + style.Size)
                {
                    continue;
                }

                var expected = reference.GetPixel(x, y);
                if (!Flat(reference, x, y, expected))
                {
                    continue;
                }

                var actual = painted.GetPixel(x, y);
                var difference = Math.Max(Math.Abs(actual.Red - expected.Red), Math.Max(Math.Abs(actual.Green - expected.Green), Math.Abs(actual.Blue - expected.Blue)));
                (worst, compared) = (Math.Max(worst, difference), compared + 1);
            }
        }

        Assert.True(compared > frame.Width * (frame.Height - style.Size) / 4, $"{styleName}: only {compared} flat pixels compared");
        Assert.True(worst <= 2, $"{styleName}: a pixel inside a flat area differs by {worst}");
    }

    private static bool Flat(SKBitmap bitmap, int x, int y, SKColor colour)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                if (bitmap.GetPixel(x + dx, y + dy) != colour)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Fill(SKCanvas canvas, Action<IPathSink> emit, SkiaPathSink sink, QrColour colour)
    {
        using (sink)
        {
            emit(sink);
            using var path = sink.Build();
            using var paint = new SKPaint { Color = RasterRenderer.ToSk(colour), IsAntialias = true };
            canvas.DrawPath(path, paint);
        }
    }

    [Fact]
    public void LongTextShrinksToStayInsideItsLabel()
    {
        var style = QrStyle.Default with { Frame = new QrFrame(FrameDesign.BannerBottom, new string('W', QrFrame.MaxTextLength)) };
        var frame = new FrameLayout(style.Frame, style);
        var bounds = new BoundsSink();

        frame.EmitText(bounds, 0, 0, 1);

        Assert.InRange(bounds.MinX, frame.CodeX, frame.CodeX + style.Size);
        Assert.InRange(bounds.MaxX, frame.CodeX, frame.CodeX + style.Size);
        Assert.InRange(bounds.MinY, frame.CodeY + style.Size, frame.Height);
        Assert.InRange(bounds.MaxY, frame.CodeY + style.Size, frame.Height);
    }

    [Fact]
    public void ATextsOutlineIsBuiltOnceAndReused()
    {
        var text = $"Scan {Guid.NewGuid():N}"[..20];

        Assert.Same(GlyphOutlines.Of(text), GlyphOutlines.Of(text));
    }

    [Fact]
    public void FramedRendersAreByteIdenticalForTheSameRequest()
    {
        foreach (var format in TestData.Formats)
        {
            var style = FrameStyles()[1].Style;
            Assert.Equal(
                QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style }).Content,
                QrRenderer.Render(new QrRenderRequest(Content, format) { Style = style }).Content);
        }
    }

    public static TheoryData<string, string, string> BadFrames() => new()
    {
        { "text-too-long", "style.frame.text", QrErrorCodes.FieldTooLong },
        { "empty-text", "style.frame.text", QrErrorCodes.InvalidStyle },
        { "missing-glyph", "style.frame.text", QrErrorCodes.InvalidStyle },
        { "control-character", "style.frame.text", QrErrorCodes.InvalidStyle },
        { "low-contrast-text", "style.frame.textColour", QrErrorCodes.ContrastTooLow },
        { "low-contrast-box", "style.frame.colour", QrErrorCodes.ContrastTooLow },
        { "translucent-frame", "style.frame.colour", QrErrorCodes.InvalidColour },
        { "undefined-design", "style.frame.design", QrErrorCodes.InvalidStyle },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void ABadFrameIsRefusedNamingTheField(string caseName, string field, string code)
    {
        var frame = caseName switch
        {
            "text-too-long" => new QrFrame(FrameDesign.BannerBottom, new string('x', QrFrame.MaxTextLength + 1)),
            "empty-text" => new QrFrame(FrameDesign.Bubble, "   "),
            "missing-glyph" => new QrFrame(FrameDesign.BannerTop, "扫我"),
            "control-character" => new QrFrame(FrameDesign.BannerTop, "Scan\u0007me"),
            "low-contrast-text" => new QrFrame(FrameDesign.BannerBottom, "Scan me") { Colour = QrColour.Parse("#777777"), TextColour = QrColour.Parse("#888888") },
            "low-contrast-box" => new QrFrame(FrameDesign.Box, "Scan me") { Colour = QrColour.Parse("#eeeeee") },
            "translucent-frame" => new QrFrame(FrameDesign.BannerBottom, "Scan me") { Colour = new QrColour(0, 0, 0, 128) },
            _ => new QrFrame((FrameDesign)42, "Scan me"),
        };

        var error = Assert.Throws<QrEngineException>(() => QrRenderer.Render(new QrRenderRequest(Content) { Style = QrStyle.Default with { Frame = frame } }));

        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void ThirtyCharactersAreAcceptedCountingAccentedLettersOnce()
    {
        // 30 letters, each typed as a base letter and a combining accent (60 UTF-16 units).
        var text = string.Concat(Enumerable.Repeat("e\u0301", QrFrame.MaxTextLength));

        var image = QrRenderer.Render(new QrRenderRequest(Content) { Style = QrStyle.Default with { Frame = new QrFrame(FrameDesign.BannerBottom, text) } });

        Assert.NotEmpty(image.Content);
    }

    [Theory]
    [InlineData("banner_bottom", FrameDesign.BannerBottom)]
    [InlineData("BANNER_TOP", FrameDesign.BannerTop)]
    [InlineData(" box ", FrameDesign.Box)]
    [InlineData("bubble", FrameDesign.Bubble)]
    public void DesignsAreReadByTheirWireNames(string name, FrameDesign design) => Assert.Equal(design, QrFrame.ParseDesign(name));

    [Fact]
    public void AnUnknownDesignNameIsRefusedNamingTheField()
    {
        var error = Assert.Throws<QrEngineException>(() => QrFrame.ParseDesign("banner-left"));

        Assert.Equal(("style.frame.design", QrErrorCodes.InvalidStyle), (error.Field, error.Code));
    }

    [Fact]
    public void TheMemoryBoundCoversTheGrownCanvas()
    {
        var plain = QrStyle.Default with { Modules = ModuleShape.Dots };

        Assert.True(QrRenderMemory.Bound(plain with { Frame = new QrFrame(FrameDesign.BannerBottom, "Scan me") }, QrFormat.Webp) > QrRenderMemory.Bound(plain, QrFormat.Webp));
    }

    private sealed class BoundsSink : IPathSink
    {
        public double MinX { get; private set; } = double.MaxValue;

        public double MinY { get; private set; } = double.MaxValue;

        public double MaxX { get; private set; } = double.MinValue;

        public double MaxY { get; private set; } = double.MinValue;

        public void Rect(int x, int y, int width, int height)
        {
            Add(x, y);
            Add(x + width, y + height);
        }

        public void MoveTo(double x, double y) => Add(x, y);

        public void LineTo(double x, double y) => Add(x, y);

        public void CubicTo(double x1, double y1, double x2, double y2, double x, double y) => Add(x, y);

        public void Close()
        {
        }

        private void Add(double x, double y)
        {
            (MinX, MaxX) = (Math.Min(MinX, x), Math.Max(MaxX, x));
            (MinY, MaxY) = (Math.Min(MinY, y), Math.Max(MaxY, y));
        }
    }
}
