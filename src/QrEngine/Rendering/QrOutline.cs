using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Produces the vector outline of the dark parts of a code, in the style asked for: square modules as
/// merged horizontal runs, rounded modules, dots, and the three finder eyes.
/// </summary>
internal static class QrOutline
{
    // Control-point distance that approximates a quarter circle with one cubic Bézier.
    internal const double Kappa = 0.5522847498;

    /// <summary>Emits the data modules (and, for plain-square styles, the eyes too, as ordinary runs).</summary>
    public static void EmitModules(QrLayout layout, IPathSink sink)
    {
        var matrix = layout.Matrix;
        var size = matrix.Size;
        var q = layout.QuietZone;
        var plain = layout.Style.IsPlainSquares;
        var shape = layout.Style.Modules;
        if (plain && layout.LogoPadModules == 0)
        {
            EmitPlainRuns(layout, sink);
            return;
        }

        for (var y = 0; y < size; y++)
        {
            var x = 0;
            while (x < size)
            {
                if (!IsModule(layout, x, y, plain))
                {
                    x++;
                    continue;
                }

                if (shape == ModuleShape.Square)
                {
                    var start = x;
                    while (x < size && IsModule(layout, x, y, plain))
                    {
                        x++;
                    }

                    sink.Rect(q + start, q + y, x - start, 1);
                    continue;
                }

                EmitModule(layout, sink, shape, x, y, plain);
                x++;
            }
        }
    }

    private static void EmitModule(QrLayout layout, IPathSink sink, ModuleShape shape, int x, int y, bool plain) =>
        EmitModuleShape(sink, shape, layout.QuietZone + x, layout.QuietZone + y, Neighbours(layout, x, y, plain));

    /// <summary>
    /// Which of a dark module's four neighbours are dark modules too (<see cref="ModuleNeighbours"/>): they decide the
    /// corners of rounded and classy modules.
    /// </summary>
    public static ModuleNeighbours Neighbours(QrLayout layout, int x, int y, bool plain)
    {
        var size = layout.Matrix.Size;
        var neighbours = ModuleNeighbours.None;
        if (y > 0 && IsModule(layout, x, y - 1, plain))
        {
            neighbours |= ModuleNeighbours.Up;
        }

        if (y < size - 1 && IsModule(layout, x, y + 1, plain))
        {
            neighbours |= ModuleNeighbours.Down;
        }

        if (x > 0 && IsModule(layout, x - 1, y, plain))
        {
            neighbours |= ModuleNeighbours.Left;
        }

        if (x < size - 1 && IsModule(layout, x + 1, y, plain))
        {
            neighbours |= ModuleNeighbours.Right;
        }

        return neighbours;
    }

    /// <summary>One dark module of <paramref name="shape"/> whose cell's top-left corner is (<paramref name="x"/>, <paramref name="y"/>), in module units.</summary>
    public static void EmitModuleShape(IPathSink sink, ModuleShape shape, double x, double y, ModuleNeighbours neighbours)
    {
        switch (shape)
        {
            case ModuleShape.Square:
                sink.MoveTo(x, y);
                sink.LineTo(x + 1, y);
                sink.LineTo(x + 1, y + 1);
                sink.LineTo(x, y + 1);
                sink.Close();
                return;
            case ModuleShape.Dots:
                Circle(sink, x + 0.5, y + 0.5, 0.45);
                return;
            case ModuleShape.RoundedSquare:
                RoundedRect(sink, x + 0.05, y + 0.05, 0.9, 0.9, 0.25, 0.25, 0.25, 0.25);
                return;
            case ModuleShape.Leaf:
                RoundedRect(sink, x, y, 1, 1, 0, 0.5, 0, 0.5);
                return;
            case ModuleShape.Diamond:
                sink.MoveTo(x + 0.5, y);
                sink.LineTo(x + 1, y + 0.5);
                sink.LineTo(x + 0.5, y + 1);
                sink.LineTo(x, y + 0.5);
                sink.Close();
                return;
        }

        // Rounded and classy: round a corner only where neither neighbour sharing it is dark, so runs stay joined.
        var up = neighbours.HasFlag(ModuleNeighbours.Up);
        var down = neighbours.HasFlag(ModuleNeighbours.Down);
        var left = neighbours.HasFlag(ModuleNeighbours.Left);
        var right = neighbours.HasFlag(ModuleNeighbours.Right);
        const double R = 0.5;
        var classy = shape == ModuleShape.Classy;
        RoundedRect(
            sink,
            x,
            y,
            1,
            1,
            topLeft: up || left ? 0 : R,
            topRight: classy || up || right ? 0 : R,
            bottomRight: down || right ? 0 : R,
            bottomLeft: classy || down || left ? 0 : R);
    }

    // The same runs as the general loop below, found with vectorised searches along each row: the general loop's
    // per-module checks were half of an EPS or PDF render.
    private static void EmitPlainRuns(QrLayout layout, IPathSink sink)
    {
        var size = layout.Matrix.Size;
        var q = layout.QuietZone;
        for (var y = 0; y < size; y++)
        {
            var row = layout.Matrix.Row(y);
            var x = 0;
            while (x < size)
            {
                var dark = row[x..].IndexOf(true);
                if (dark < 0)
                {
                    break;
                }

                var start = x + dark;
                var light = row[start..].IndexOf(false);
                x = light < 0 ? size : start + light;
                sink.Rect(q + start, q + y, x - start, 1);
            }
        }
    }

    /// <summary>
    /// Emits the three finder eyes in the chosen eye shape (nothing for plain-square styles: they are in the runs):
    /// the outer frames (ring, filled even-odd), the inner balls, or both.
    /// </summary>
    public static void EmitEyes(QrLayout layout, IPathSink sink, EyeParts parts = EyeParts.Both)
    {
        if (layout.Style.IsPlainSquares)
        {
            return;
        }

        var q = layout.QuietZone;
        var far = layout.Matrix.Size - 7;
        EmitEye(sink, layout.Style.Eyes, q, q, Corner.BottomRight, parts);
        EmitEye(sink, layout.Style.Eyes, q + far, q, Corner.BottomLeft, parts);
        EmitEye(sink, layout.Style.Eyes, q, q + far, Corner.TopRight, parts);
    }

    /// <summary>True when the style draws eyes separately from the module outline.</summary>
    public static bool HasSeparateEyes(QrLayout layout) => !layout.Style.IsPlainSquares;

    /// <summary>True when frames and balls need fills of their own (an eye colour differs from the modules' paint).</summary>
    public static bool HasEyeColours(QrLayout layout) => layout.Style.EyeFrameColour is not null || layout.Style.EyeBallColour is not null;

    /// <summary>The knock-out pad under a logo: a square with the style's corner radius, in module units.</summary>
    public static void EmitLogoPad(QrLayout layout, IPathSink sink)
    {
        var start = layout.QuietZone + layout.LogoPadStart;
        var side = layout.LogoPadModules;
        var r = layout.LogoPadRadius;
        if (r <= 0)
        {
            sink.Rect(start, start, side, side);
            return;
        }

        RoundedRect(sink, start, start, side, side, r, r, r, r);
    }

    /// <summary>True when (<paramref name="x"/>, <paramref name="y"/>) is drawn as a data module (eyes apart unless <paramref name="plain"/>).</summary>
    public static bool IsModule(QrLayout layout, int x, int y, bool plain) =>
        layout.IsDrawnDark(x, y) && (plain || !layout.Matrix.IsInFinder(x, y));

    private static void EmitEye(IPathSink sink, EyeShape shape, int x, int y, Corner inward, EyeParts parts)
    {
        var outward = (Corner)(((int)inward + 2) % 4);
        var frame = (parts & EyeParts.Frame) != 0;
        var ball = (parts & EyeParts.Ball) != 0;
        switch (shape)
        {
            case EyeShape.Circle:
                if (frame)
                {
                    Circle(sink, x + 3.5, y + 3.5, 3.5);
                    Circle(sink, x + 3.5, y + 3.5, 2.5);
                }

                if (ball)
                {
                    Circle(sink, x + 3.5, y + 3.5, 1.5);
                }

                return;
        }

        // Square-based shapes differ only in which corners round and by how much: (frame, hole, ball) radii per corner.
        var (outer, hole, centre) = shape switch
        {
            // The corner facing the symbol's centre stays square: scanners measure the module size along
            // the diagonal between the top-right and bottom-left eyes, and a rounded corner there skews it.
            EyeShape.Rounded or EyeShape.RoundedSquare => (2.0, 1.0, 0.75),
            EyeShape.Leaf or EyeShape.Classy => (3.0, 2.0, 1.2),
            _ => (0.0, 0.0, 0.0),
        };
        if (frame)
        {
            RoundedRect(sink, x, y, 7, 7, Radius(outer, Corner.TopLeft), Radius(outer, Corner.TopRight), Radius(outer, Corner.BottomRight), Radius(outer, Corner.BottomLeft));
            RoundedRect(sink, x + 1, y + 1, 5, 5, Radius(hole, Corner.TopLeft), Radius(hole, Corner.TopRight), Radius(hole, Corner.BottomRight), Radius(hole, Corner.BottomLeft));
        }

        if (ball)
        {
            RoundedRect(sink, x + 2, y + 2, 3, 3, Radius(centre, Corner.TopLeft), Radius(centre, Corner.TopRight), Radius(centre, Corner.BottomRight), Radius(centre, Corner.BottomLeft));
        }

        double Radius(double radius, Corner corner) => shape switch
        {
            EyeShape.Rounded => corner == inward ? 0 : radius,
            EyeShape.Leaf => corner == inward || corner == outward ? 0 : radius,
            EyeShape.Classy => corner == outward ? radius : 0,
            _ => radius,
        };
    }

    // Clockwise, so the opposite corner is two steps on.
    private enum Corner
    {
        TopLeft,
        TopRight,
        BottomRight,
        BottomLeft,
    }

    private static void Circle(IPathSink sink, double cx, double cy, double r)
    {
        var k = r * Kappa;
        sink.MoveTo(cx + r, cy);
        sink.CubicTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        sink.CubicTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        sink.CubicTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        sink.CubicTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        sink.Close();
    }

    internal static void RoundedRect(
        IPathSink sink, double x, double y, double w, double h, double topLeft, double topRight, double bottomRight, double bottomLeft)
    {
        if (topLeft == 0 && topRight == 0 && bottomRight == 0 && bottomLeft == 0 && x == (int)x && y == (int)y && w == (int)w && h == (int)h)
        {
            sink.Rect((int)x, (int)y, (int)w, (int)h);
            return;
        }

        sink.MoveTo(x + topLeft, y);
        sink.LineTo(x + w - topRight, y);
        if (topRight > 0)
        {
            sink.CubicTo(x + w - (topRight * (1 - Kappa)), y, x + w, y + (topRight * (1 - Kappa)), x + w, y + topRight);
        }

        sink.LineTo(x + w, y + h - bottomRight);
        if (bottomRight > 0)
        {
            sink.CubicTo(x + w, y + h - (bottomRight * (1 - Kappa)), x + w - (bottomRight * (1 - Kappa)), y + h, x + w - bottomRight, y + h);
        }

        sink.LineTo(x + bottomLeft, y + h);
        if (bottomLeft > 0)
        {
            sink.CubicTo(x + (bottomLeft * (1 - Kappa)), y + h, x, y + h - (bottomLeft * (1 - Kappa)), x, y + h - bottomLeft);
        }

        sink.LineTo(x, y + topLeft);
        if (topLeft > 0)
        {
            sink.CubicTo(x, y + (topLeft * (1 - Kappa)), x + (topLeft * (1 - Kappa)), y, x + topLeft, y);
        }

        sink.Close();
    }
}

/// <summary>Which parts of the eyes to emit.</summary>
[Flags]
internal enum EyeParts
{
    /// <summary>The outer ring (7×7 minus 5×5).</summary>
    Frame = 1,

    /// <summary>The 3×3 centre.</summary>
    Ball = 2,

    /// <summary>Both, as one even-odd path.</summary>
    Both = Frame | Ball,
}

/// <summary>The dark neighbours of a dark module, as flags (their combination indexes cached module shapes).</summary>
[Flags]
internal enum ModuleNeighbours
{
    /// <summary>No dark neighbour.</summary>
    None = 0,

    /// <summary>The module above is dark.</summary>
    Up = 1,

    /// <summary>The module below is dark.</summary>
    Down = 2,

    /// <summary>The module to the left is dark.</summary>
    Left = 4,

    /// <summary>The module to the right is dark.</summary>
    Right = 8,
}
