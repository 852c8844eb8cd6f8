using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Rendering;
using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// The raster painter copies one anti-aliased tile per module variant instead of filling the whole outline as one
/// path: its pixels must be the outline's, for every shape, and a gradient must give each module, of the data and of the eyes,
/// the colour of its centre. Opaque PNGs are written as RGB, translucent ones keep their alpha.
/// </summary>
public class ModuleRasterTests
{
    private static readonly QrMatrix Matrix = QrEncoder.Encode("https://example.com/module-raster", ErrorCorrectionLevel.Q);

    public static TheoryData<ModuleShape> Shapes => new(Enum.GetValues<ModuleShape>());

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShapePaintsThePixelsOfItsVectorOutline(ModuleShape shape)
    {
        // Square eyes with a logo pad: the modules are drawn one by one (not as the plain style's runs).
        var style = QrStyle.Default with { Modules = shape, Foreground = QrColour.Parse("#1a237e"), Eyes = EyeShape.Rounded, Size = 300 };
        var layout = new QrLayout(Matrix, style, hasLogo: false);

        using var painted = RasterRenderer.Rasterise(layout, logo: null, opaque: true);
        using var outline = Outline(layout);

        var worst = 0;
        for (var y = 0; y < painted.Height; y++)
        {
            for (var x = 0; x < painted.Width; x++)
            {
                var (a, b) = (painted.GetPixel(x, y), outline.GetPixel(x, y));
                worst = Math.Max(worst, Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue))));
            }
        }

        // Skia anti-aliases a shape at a tile's origin a little differently from the same shape further along a path
        // (worst seen: 15, on dots' edges). A missing, misplaced or wrongly cornered module differs by 150 or more
        // (#1a237e on white).
        Assert.True(worst <= 24, $"{shape}: a pixel differs by {worst} from the outline filled as one path");
    }

    [Theory]
    [InlineData(GradientKind.Linear)]
    [InlineData(GradientKind.Radial)]
    public void EachModuleTakesTheGradientsColourAtItsCentre(GradientKind kind)
    {
        var gradient = new QrGradient(kind, QrColour.Parse("#1a237e"), QrColour.Parse("#b71c1c"), 30);
        var style = QrStyle.Default with { Modules = ModuleShape.Square, Eyes = EyeShape.Rounded, Gradient = gradient, Size = 300 };
        var layout = new QrLayout(Matrix, style, hasLogo: false);
        var scale = layout.PixelsPerModule(style.Size);
        var origin = (style.Size - (scale * layout.TotalModules)) / 2;

        using var painted = RasterRenderer.Rasterise(layout, logo: null, opaque: true);

        var (x0, y0, x1, y1) = layout.GradientLine(gradient.Angle);
        var (centre, radius) = layout.GradientCircle();
        QrColour ColourAt(double cx, double cy) => gradient.At(Math.Clamp(
            kind == GradientKind.Radial
                ? Math.Sqrt(((cx - centre) * (cx - centre)) + ((cy - centre) * (cy - centre))) / radius
                : (((cx - x0) * (x1 - x0)) + ((cy - y0) * (y1 - y0))) / (((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0))),
            0,
            1));

        var checkedModules = 0;
        for (var my = 0; my < Matrix.Size; my++)
        {
            for (var mx = 0; mx < Matrix.Size; mx++)
            {
                if (!QrOutline.IsModule(layout, mx, my, plain: false))
                {
                    continue;
                }

                var (cx, cy) = (layout.QuietZone + mx + 0.5, layout.QuietZone + my + 0.5);
                var expected = ColourAt(cx, cy);
                var (left, top) = (origin + ((layout.QuietZone + mx) * scale), origin + ((layout.QuietZone + my) * scale));
                // Every pixel of a square module, corners included: the module is one flat colour.
                foreach (var (px, py) in new[] { (left, top), (left + scale - 1, top), (left, top + scale - 1), (left + scale - 1, top + scale - 1) })
                {
                    Assert.Equal(new SKColor(expected.R, expected.G, expected.B), painted.GetPixel(px, py));
                }

                checkedModules++;
            }
        }

        Assert.True(checkedModules > 100, $"only {checkedModules} modules were checked");

        // The eyes too: the middle of each side of the ring and the ball's centre, whole in every eye shape.
        var far = Matrix.Size - 7;
        foreach (var (ex, ey) in new[] { (0, 0), (far, 0), (0, far) })
        {
            foreach (var (dx, dy) in new[] { (3, 0), (0, 3), (6, 3), (3, 6), (3, 3) })
            {
                var (cx, cy) = (layout.QuietZone + ex + dx + 0.5, layout.QuietZone + ey + dy + 0.5);
                var expected = ColourAt(cx, cy);
                var pixel = painted.GetPixel(origin + (int)(cx * scale), origin + (int)(cy * scale));
                Assert.Equal(new SKColor(expected.R, expected.G, expected.B), pixel);
            }
        }
    }

    [Fact]
    public void AnOpaqueStyledPngIsRgbAndATranslucentOneKeepsItsAlpha()
    {
        var content = new Contents.UrlQrContent("https://example.com/module-raster");
        var opaque = QrRenderer.Render(new QrRenderRequest(content) { Style = QrStyle.Default with { Modules = ModuleShape.Dots } }).Content;
        var translucent = QrRenderer.Render(new QrRenderRequest(content) { Style = QrStyle.Default with { Modules = ModuleShape.Dots, Background = QrColour.Transparent } }).Content;

        // IHDR's colour type: byte 25 of the file (8 signature + 8 chunk head + 9 into the header).
        Assert.Equal(2, opaque[25]);
        Assert.Equal(6, translucent[25]);
        using var decoded = SKBitmap.Decode(translucent);
        Assert.Equal(0, decoded.GetPixel(0, 0).Alpha);
        using var solid = SKBitmap.Decode(opaque);
        Assert.Equal(SKColors.White, solid.GetPixel(0, 0));
    }

    // The reference: the module outline filled as one anti-aliased path, as the renderer did before tiles, and the eyes.
    private static SKBitmap Outline(QrLayout layout)
    {
        var style = layout.Style;
        var scale = layout.PixelsPerModule(style.Size);
        var origin = (style.Size - (scale * layout.TotalModules)) / 2;
        var bitmap = new SKBitmap(new SKImageInfo(style.Size, style.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        canvas.Translate(origin, origin);
        canvas.Scale(scale);
        using var paint = new SKPaint { Color = new SKColor(style.Foreground.R, style.Foreground.G, style.Foreground.B), IsAntialias = true };
        using (var modules = new SkiaPathSink())
        {
            QrOutline.EmitModules(layout, modules);
            using var path = modules.Build();
            canvas.DrawPath(path, paint);
        }

        using (var eyes = new SkiaPathSink())
        {
            QrOutline.EmitEyes(layout, eyes);
            using var path = eyes.Build();
            canvas.DrawPath(path, paint);
        }

        return bitmap;
    }
}
