using System.Runtime.InteropServices;
using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Paints the data modules and the eyes straight into a raster's pixels. Modules sit on whole pixels, so a module's pixels depend
/// only on its shape and, for rounded and classy ones, on which neighbours are dark: each of those (at most 16)
/// variants is anti-aliased once by SkiaSharp into a coverage tile and copied to every module that has it. Drawing
/// the ~600 modules of a styled code as one anti-aliased path under a gradient shader was two thirds of a styled PNG.
/// Each module takes the paint's colour at its centre, so a gradient steps from module to module, as the EPS output's
/// does: a module's rows repeat and its pixels are one colour, which the PNG's row filters turn into zeros.
/// </summary>
internal static class ModuleRaster
{
    private const int Variants = 16;

    /// <summary>
    /// Paints the modules over what <paramref name="rgba"/> holds (RGBA, premultiplied or opaque,
    /// <paramref name="rowBytes"/> per row), with the symbol's grid, quiet zone included, starting at pixel
    /// (<paramref name="left"/>, <paramref name="top"/>) and <paramref name="scale"/> pixels per module.
    /// </summary>
    public static void Paint(Span<byte> rgba, int rowBytes, QrLayout layout, int left, int top, int scale, QrPaint paint, bool antialias)
    {
        var style = layout.Style;
        var shape = style.Modules;
        var plain = style.IsPlainSquares;
        var byNeighbours = shape is ModuleShape.Rounded or ModuleShape.Classy;
        var size = layout.Matrix.Size;
        var q = layout.QuietZone;
        var area = scale * scale;
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        var stride = rowBytes / 4;
        var colours = new ColourAtCentre(layout, paint);

        using var tiles = new PinnedBuffer(Variants * area);
        Span<bool> drawn = stackalloc bool[Variants];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!QrOutline.IsModule(layout, x, y, plain))
                {
                    continue;
                }

                var variant = byNeighbours ? (int)QrOutline.Neighbours(layout, x, y, plain) : 0;
                if (!drawn[variant])
                {
                    DrawTile(tiles.Address + (variant * area), scale, shape, (ModuleNeighbours)variant, antialias);
                    drawn[variant] = true;
                }

                var tile = tiles.Span.Slice(variant * area, area);
                Blend(pixels, stride, left + ((q + x) * scale), top + ((q + y) * scale), scale, tile, colours.At(q + x + 0.5, q + y + 0.5));
            }
        }
    }

    /// <summary>
    /// Paints the <paramref name="parts"/> of the three eyes the same way: each eye's outline is anti-aliased once into
    /// a coverage mask of its 7 × 7 modules, and each eye pixel takes the paint's colour at the centre of its module.
    /// </summary>
    public static void PaintEyes(Span<byte> rgba, int rowBytes, QrLayout layout, int left, int top, int scale, QrPaint paint, EyeParts parts, bool antialias)
    {
        var q = layout.QuietZone;
        var far = layout.Matrix.Size - 7;
        var box = 7 * scale;
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        var stride = rowBytes / 4;
        var colours = new ColourAtCentre(layout, paint);
        using var outline = new SkiaPathSink();
        QrOutline.EmitEyes(layout, outline, parts);
        using var path = outline.Build();
        using var fill = new SKPaint { Color = SKColors.Black, IsAntialias = antialias, Style = SKPaintStyle.Fill };
        using var mask = new PinnedBuffer(box * box);
        using var surface = SKSurface.Create(new SKImageInfo(box, box, SKColorType.Alpha8, SKAlphaType.Premul), mask.Address, box)
            ?? throw new QrEngineException(QrErrorCodes.RenderFailed, "format", "SkiaSharp could not draw the eyes.");
        var canvas = surface.Canvas;
        foreach (var (ex, ey) in new[] { (q, q), (q + far, q), (q, q + far) })
        {
            // The eye's box at the mask's origin; the other eyes fall outside it.
            canvas.Clear(SKColors.Transparent);
            canvas.SetMatrix(SKMatrix.CreateScaleTranslation(scale, scale, -ex * scale, -ey * scale));
            canvas.DrawPath(path, fill);
            canvas.Flush();
            for (var my = 0; my < 7; my++)
            {
                for (var mx = 0; mx < 7; mx++)
                {
                    var colour = colours.At(ex + mx + 0.5, ey + my + 0.5);
                    for (var row = 0; row < scale; row++)
                    {
                        var target = pixels.Slice(((top + ((ey + my) * scale) + row) * stride) + left + ((ex + mx) * scale), scale);
                        BlendRow(target, mask.Span.Slice((((my * scale) + row) * box) + (mx * scale), scale), colour);
                    }
                }
            }
        }
    }

    // One module's coverage (0–255) at the origin of a scale × scale tile, drawn exactly as the vector outline is.
    private static void DrawTile(IntPtr tile, int scale, ModuleShape shape, ModuleNeighbours neighbours, bool antialias)
    {
        var info = new SKImageInfo(scale, scale, SKColorType.Alpha8, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info, tile, scale)
            ?? throw new QrEngineException(QrErrorCodes.RenderFailed, "format", "SkiaSharp could not draw a module.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(scale);
        using var outline = new SkiaPathSink();
        QrOutline.EmitModuleShape(outline, shape, 0, 0, neighbours);
        using var path = outline.Build();
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = antialias, Style = SKPaintStyle.Fill };
        canvas.DrawPath(path, paint);
        canvas.Flush();
    }

    // Source-over of one premultiplied colour through a coverage tile; a fully covered pixel of an opaque colour is a store.
    private static void Blend(Span<uint> pixels, int stride, int left, int top, int scale, ReadOnlySpan<byte> tile, uint colour)
    {
        for (var row = 0; row < scale; row++)
        {
            BlendRow(pixels.Slice(((top + row) * stride) + left, scale), tile.Slice(row * scale, scale), colour);
        }
    }

    private static void BlendRow(Span<uint> target, ReadOnlySpan<byte> coverage, uint colour)
    {
        var alpha = colour >> 24;
        for (var i = 0; i < target.Length; i++)
        {
            uint cover = coverage[i];
            if (cover == 0)
            {
                continue;
            }

            if (cover == 255 && alpha == 255)
            {
                target[i] = colour;
                continue;
            }

            var keep = 255 - Div255(alpha * cover);
            var below = target[i];
            target[i] = Channel(colour, below, cover, keep, 0)
                | (Channel(colour, below, cover, keep, 8) << 8)
                | (Channel(colour, below, cover, keep, 16) << 16)
                | (Channel(colour, below, cover, keep, 24) << 24);
        }
    }

    private static uint Channel(uint source, uint below, uint cover, uint keep, int shift) =>
        Div255((((source >> shift) & 0xFF) * cover) + (((below >> shift) & 0xFF) * keep));

    // x / 255, rounded, for x ≤ 255 × 255 × 2.
    private static uint Div255(uint x) => (x + 128 + ((x + 128) >> 8)) >> 8;

    /// <summary>The paint's colour at a point in module units, premultiplied and packed as RGBA bytes in memory order.</summary>
    private readonly struct ColourAtCentre
    {
        private readonly QrColour _flat;
        private readonly QrGradient? _gradient;
        private readonly double _x0;
        private readonly double _y0;
        private readonly double _dx;
        private readonly double _dy;
        private readonly double _scale;

        public ColourAtCentre(QrLayout layout, QrPaint paint)
        {
            _flat = paint.Colour;
            _gradient = paint.Gradient;
            if (_gradient is { Kind: GradientKind.Radial })
            {
                var (centre, radius) = layout.GradientCircle();
                (_x0, _y0, _scale) = (centre, centre, 1 / radius);
            }
            else if (_gradient is not null)
            {
                var (x0, y0, x1, y1) = layout.GradientLine(_gradient.Angle);
                (_x0, _y0, _dx, _dy) = (x0, y0, x1 - x0, y1 - y0);
                _scale = 1 / ((_dx * _dx) + (_dy * _dy));
            }
        }

        public uint At(double x, double y)
        {
            if (_gradient is null)
            {
                return Pack(_flat);
            }

            var t = _gradient.Kind == GradientKind.Radial
                ? Math.Sqrt(((x - _x0) * (x - _x0)) + ((y - _y0) * (y - _y0))) * _scale
                : (((x - _x0) * _dx) + ((y - _y0) * _dy)) * _scale;
            return Pack(_gradient.At(Math.Clamp(t, 0, 1)));
        }

        private static uint Pack(QrColour colour)
        {
            uint a = colour.A;
            return Div255(colour.R * a) | (Div255(colour.G * a) << 8) | (Div255(colour.B * a) << 16) | (a << 24);
        }
    }
}
