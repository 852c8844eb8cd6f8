using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Frame text as glyph outlines of the embedded DejaVu Sans Bold (Bitstream Vera licence, <c>Fonts/</c>), so PNG, SVG,
/// PDF and EPS all draw the text as filled paths and none needs a font. The typeface loads once; each text's outline
/// (quadratic glyph curves already raised to cubics) is cached, so a repeated render only scales and emits it.
/// </summary>
internal static class GlyphOutlines
{
    /// <summary>Outlines are taken at this size (font units per em in DejaVu's 2048 would do; 1000 keeps the numbers round).</summary>
    private const float EmSize = 1000;

    // Enough for every text a deployment's codes carry at once; past it the cache starts over rather than growing.
    private const int MaxCached = 1024;

    private static readonly Lazy<SKTypeface> Typeface = new(Load);
    private static readonly ConcurrentDictionary<string, TextOutline> Cache = new(StringComparer.Ordinal);

    /// <summary>The first character of <paramref name="text"/> the font has no glyph for, or null when it has them all.</summary>
    public static Rune? FirstMissing(string text)
    {
        using var font = new SKFont(Typeface.Value, EmSize);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || font.GetGlyph(rune.Value) == 0)
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>The outline of <paramref name="text"/> in em units (1 = the font size), baseline at y = 0, y down.</summary>
    public static TextOutline Of(string text)
    {
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var outline = Build(text);
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[text] = outline;
        return outline;
    }

    /// <summary>
    /// Draws <paramref name="text"/> at <paramref name="size"/> pixels with its baseline starting at (x, y), each glyph
    /// where the outline has it, through SkiaSharp's glyph cache: a glyph is anti-aliased once per size and then copied.
    /// Filling the outline as a path anti-aliased every glyph again on every render, a tenth of a 512 px styled PNG's time.
    /// </summary>
    public static void Draw(SKCanvas canvas, TextOutline text, double size, double x, double y, SKPaint paint)
    {
        using var font = Font((float)size);
        Span<float> positions = stackalloc float[text.Glyphs.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (float)(x + (text.GlyphX[i] * size));
        }

        // Each glyph at the place the outline has it: the font's own advances at a small size drift from them.
        using var builder = new SKTextBlobBuilder();
        builder.AddHorizontalRun(text.Glyphs, font, positions, (float)y);
        using var blob = builder.Build();
        canvas.DrawText(blob, 0, 0, paint);
    }

    private static TextOutline Build(string text)
    {
        using var font = Font(EmSize);
        font.GetFontMetrics(out var metrics);
        using var path = font.GetTextPath(text, new SKPoint(0, 0));
        var verbs = new List<PathVerb>();
        var points = new List<double>();
        Span<SKPoint> p = stackalloc SKPoint[4];
        using (var iterator = path.CreateRawIterator())
        {
            SKPathVerb verb;
            while ((verb = iterator.Next(p)) != SKPathVerb.Done)
            {
                switch (verb)
                {
                    case SKPathVerb.Move:
                        Add(PathVerb.Move, p[0]);
                        break;
                    case SKPathVerb.Line:
                        Add(PathVerb.Line, p[1]);
                        break;
                    case SKPathVerb.Quad:
                        // The one cubic equal to a quadratic: control points two thirds of the way to the quadratic's.
                        Add(PathVerb.Cubic, p[0] + Scale(p[1] - p[0], 2f / 3), p[2] + Scale(p[1] - p[2], 2f / 3), p[2]);
                        break;
                    case SKPathVerb.Conic:
                        // TrueType glyphs have none; a conic's weight is ignored and it is drawn as the quadratic it bounds.
                        Add(PathVerb.Cubic, p[0] + Scale(p[1] - p[0], 2f / 3), p[2] + Scale(p[1] - p[2], 2f / 3), p[2]);
                        break;
                    case SKPathVerb.Cubic:
                        Add(PathVerb.Cubic, p[1], p[2], p[3]);
                        break;
                    case SKPathVerb.Close:
                        verbs.Add(PathVerb.Close);
                        break;
                }
            }
        }

        var bounds = path.Bounds;
        var capHeight = metrics.CapHeight > 0 ? metrics.CapHeight : -metrics.Ascent * 0.7f;
        var glyphs = font.GetGlyphs(text);
        var glyphX = font.GetGlyphPositions(glyphs, new SKPoint(0, 0)).Select(at => at.X / (double)EmSize).ToArray();
        return new TextOutline([.. verbs], [.. points], bounds.Left / EmSize, bounds.Right / EmSize, capHeight / EmSize, glyphs, glyphX);

        void Add(PathVerb verb, params ReadOnlySpan<SKPoint> at)
        {
            verbs.Add(verb);
            foreach (var point in at)
            {
                points.Add(point.X / EmSize);
                points.Add(point.Y / EmSize);
            }
        }

        static SKPoint Scale(SKPoint vector, float factor) => new(vector.X * factor, vector.Y * factor);
    }

    // Unhinted, with fractional positions and linear advances: the outline and the raster glyphs scale as one.
    private static SKFont Font(float size) =>
        new(Typeface.Value, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface Load()
    {
        using var stream = typeof(GlyphOutlines).Assembly.GetManifestResourceStream("QrAspire.QrEngine.Fonts.DejaVuSans-Bold.ttf")
            ?? throw new InvalidOperationException("The embedded frame font is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("SkiaSharp could not read the embedded frame font.");
    }
}

/// <summary>The steps of a cached outline.</summary>
internal enum PathVerb : byte
{
    Move,
    Line,
    Cubic,
    Close,
}

/// <summary>
/// One text's outline in em units, baseline at y = 0 and y down, with its ink's left and right edges and the font's cap
/// height (what the text is centred on vertically, so a line without capitals does not jump); and for raster output
/// (<see cref="GlyphOutlines.Draw"/>) its glyphs in the embedded font with each one's origin along the baseline, in em.
/// </summary>
internal sealed record TextOutline(PathVerb[] Verbs, double[] Points, double InkLeft, double InkRight, double CapHeight, ushort[] Glyphs, double[] GlyphX)
{
    /// <summary>The ink's width in em.</summary>
    public double InkWidth => InkRight - InkLeft;

    /// <summary>Emits the outline scaled by <paramref name="size"/> with its origin (baseline start) at (x, y). Filled non-zero.</summary>
    public void Emit(IPathSink sink, double size, double x, double y)
    {
        var p = 0;
        foreach (var verb in Verbs)
        {
            switch (verb)
            {
                case PathVerb.Move:
                    sink.MoveTo(x + (Points[p] * size), y + (Points[p + 1] * size));
                    p += 2;
                    break;
                case PathVerb.Line:
                    sink.LineTo(x + (Points[p] * size), y + (Points[p + 1] * size));
                    p += 2;
                    break;
                case PathVerb.Cubic:
                    sink.CubicTo(
                        x + (Points[p] * size),
                        y + (Points[p + 1] * size),
                        x + (Points[p + 2] * size),
                        y + (Points[p + 3] * size),
                        x + (Points[p + 4] * size),
                        y + (Points[p + 5] * size));
                    p += 6;
                    break;
                default:
                    sink.Close();
                    break;
            }
        }
    }
}
