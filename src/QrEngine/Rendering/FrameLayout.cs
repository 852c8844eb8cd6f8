using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Where a frame's border, label and text go, in whole canvas pixels. The code keeps its box of
/// <see cref="QrStyle.Size"/> pixels (quiet zone included) at (<see cref="CodeX"/>, <see cref="CodeY"/>) and the canvas
/// grows around it; every part of the frame lies outside that box, so the quiet zone stays clear. Proportions are
/// shares of the code's size, so a frame looks the same at 128 px and at 4096 px. Renderers emit the shapes in their own
/// units through <see cref="EmitFrame"/> and <see cref="EmitText"/>: canvas pixels mapped by (p − origin) × scale.
/// </summary>
internal sealed class FrameLayout
{
    private readonly TextOutline? _text;
    private readonly (double X, double Y, double Width, double Height) _label;

    public FrameLayout(QrFrame frame, QrStyle style)
    {
        var s = style.Size;
        FrameColour = frame.FrameColourIn(style);
        TextColour = frame.TextColourIn(style);
        var text = frame.DisplayText;
        _text = text.Length > 0 ? GlyphOutlines.Of(text) : null;
        switch (frame.Design)
        {
            case FrameDesign.BannerBottom:
            case FrameDesign.BannerTop:
                Border = Math.Max(2, Share(s, 0.035));
                var band = Share(s, 0.2);
                Radius = Share(s, 0.05);
                (Width, Height, CodeX) = (s + (2 * Border), Border + s + band, Border);
                CodeY = frame.Design == FrameDesign.BannerBottom ? Border : band;
                _label = (Border, frame.Design == FrameDesign.BannerBottom ? Border + s : 0, s, band);
                Hole = (CodeX, CodeY, s, s); // border and band are one fill around the code's box
                break;
            case FrameDesign.Box:
                Border = Math.Max(1, Share(s, 0.012));
                var under = _text is null ? 0 : Share(s, 0.17);
                Radius = Share(s, 0.03);
                (Width, Height, CodeX, CodeY) = (s + (2 * Border), Border + s + under + Border, Border, Border);
                _label = (Border, Border + s, s, under);
                Hole = (Border, Border, s, s + under); // the border only: the text sits inside it, on the code's background
                break;
            default:
                Pointer = Share(s, 0.06);
                var label = Share(s, 0.17);
                var inset = Share(s, 0.1);
                (Width, Height, CodeX, CodeY) = (s, s + Pointer + label + Share(s, 0.03), 0, 0);
                _label = (inset, s + Pointer, s - (2 * inset), label);
                Radius = Share(label, 0.3);
                break;
        }
    }

    /// <summary>The whole image's width in pixels.</summary>
    public int Width { get; }

    /// <summary>The whole image's height in pixels.</summary>
    public int Height { get; }

    /// <summary>Left edge of the code's box (quiet zone included).</summary>
    public int CodeX { get; }

    /// <summary>Top edge of the code's box (quiet zone included).</summary>
    public int CodeY { get; }

    public QrColour FrameColour { get; }

    public QrColour TextColour { get; }

    /// <summary>True when there is text to draw.</summary>
    public bool HasText => _text is not null;

    /// <summary>The outer corners' radius in pixels, for the designs drawn as a rounded rectangle with a <see cref="Hole"/>.</summary>
    public int Radius { get; }

    /// <summary>
    /// For every design but the bubble, the frame is a <see cref="Width"/> × <see cref="Height"/> rectangle with
    /// <see cref="Radius"/> corners, less this rectangle (in whole pixels); the bubble is a path only.
    /// </summary>
    public (int X, int Y, int Width, int Height)? Hole { get; }

    private int Border { get; }

    private int Pointer { get; }

    /// <summary>The canvas a framed style needs, without laying out its text (for memory bounds).</summary>
    public static (int Width, int Height) Canvas(QrStyle style)
    {
        if (style.Frame is not { } frame)
        {
            return (style.Size, style.Size);
        }

        var s = style.Size;
        return frame.Design switch
        {
            FrameDesign.BannerBottom or FrameDesign.BannerTop => (s + (2 * Math.Max(2, Share(s, 0.035))), Math.Max(2, Share(s, 0.035)) + s + Share(s, 0.2)),
            FrameDesign.Box => (s + (2 * Math.Max(1, Share(s, 0.012))), s + (2 * Math.Max(1, Share(s, 0.012))) + Share(s, 0.17)),
            _ => (s, s + Share(s, 0.06) + Share(s, 0.17) + Share(s, 0.03)),
        };
    }

    /// <summary>The border and label in the frame colour, filled even-odd (the code's box is a hole).</summary>
    public void EmitFrame(IPathSink sink, double originX, double originY, double scale)
    {
        if (Hole is not { } hole)
        {
            EmitBubble(sink, originX, originY, scale);
            return;
        }

        var r = Radius * scale;
        QrOutline.RoundedRect(sink, X(0), Y(0), Width * scale, Height * scale, r, r, r, r);
        QrOutline.RoundedRect(sink, X(hole.X), Y(hole.Y), hole.Width * scale, hole.Height * scale, 0, 0, 0, 0);

        double X(double px) => (px - originX) * scale;
        double Y(double py) => (py - originY) * scale;
    }

    /// <summary>The text's glyph outlines, centred in the label and shrunk to fit when long. Filled non-zero.</summary>
    public void EmitText(IPathSink sink, double originX, double originY, double scale)
    {
        if (TextPlacement() is { } place)
        {
            place.Text.Emit(sink, place.Size * scale, (place.X - originX) * scale, (place.Baseline - originY) * scale);
        }
    }

    /// <summary>
    /// The text's outline and where it goes in canvas pixels: its font size and its baseline's start, centred in the
    /// label and shrunk to fit when long; null without text.
    /// </summary>
    public (TextOutline Text, double Size, double X, double Baseline)? TextPlacement()
    {
        if (_text is not { } text)
        {
            return null;
        }

        var (x, y, width, height) = _label;
        var size = height * 0.42 / text.CapHeight;
        var room = width * 0.88;
        if (text.InkWidth * size > room)
        {
            size = room / text.InkWidth;
        }

        var left = x + ((width - (text.InkWidth * size)) / 2) - (text.InkLeft * size);
        // On a whole pixel row: raster glyphs are placed on whole rows, and the vector formats keep the same place.
        var baseline = Math.Round(y + (height / 2) + (text.CapHeight * size / 2));
        return (text, size, left, baseline);
    }

    // A rounded label whose top edge rises to a point at the code's box, so label and pointer are one shape.
    private void EmitBubble(IPathSink sink, double originX, double originY, double scale)
    {
        var (x, y, width, height) = _label;
        var r = (double)Radius;
        var mid = Width / 2.0;
        var k = 1 - QrOutline.Kappa;
        sink.MoveTo(M(x + r), N(y));
        sink.LineTo(M(mid - Pointer), N(y));
        sink.LineTo(M(mid), N(y - Pointer));
        sink.LineTo(M(mid + Pointer), N(y));
        sink.LineTo(M(x + width - r), N(y));
        sink.CubicTo(M(x + width - (r * k)), N(y), M(x + width), N(y + (r * k)), M(x + width), N(y + r));
        sink.LineTo(M(x + width), N(y + height - r));
        sink.CubicTo(M(x + width), N(y + height - (r * k)), M(x + width - (r * k)), N(y + height), M(x + width - r), N(y + height));
        sink.LineTo(M(x + r), N(y + height));
        sink.CubicTo(M(x + (r * k)), N(y + height), M(x), N(y + height - (r * k)), M(x), N(y + height - r));
        sink.LineTo(M(x), N(y + r));
        sink.CubicTo(M(x), N(y + (r * k)), M(x + (r * k)), N(y), M(x + r), N(y));
        sink.Close();

        double M(double px) => (px - originX) * scale;
        double N(double py) => (py - originY) * scale;
    }

    private static int Share(int size, double share) => (int)Math.Round(size * share, MidpointRounding.AwayFromZero);
}
