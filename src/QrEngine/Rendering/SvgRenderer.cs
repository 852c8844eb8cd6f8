using System.Globalization;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// SVG output: a <c>viewBox</c> in module units, one <c>&lt;path&gt;</c> for all dark modules (plain squares as
/// one-module strokes along each horizontal run; styled modules as filled shapes), a second path for styled
/// eyes, and an embedded <c>&lt;image&gt;</c> for a logo.
/// Integer coordinates for squares keep the file small; no ids, dates or random values, so it is deterministic.
/// </summary>
internal static class SvgRenderer
{
    public static byte[] Render(QrLayout layout, QrLogo? logo)
    {
        var style = layout.Style;
        var total = layout.TotalModules;

        using var output = new OutputBuffer(256 + (layout.Matrix.Size * layout.Matrix.Size));
        output.Write("<svg xmlns=\"http://www.w3.org/2000/svg\""u8);
        if (logo is not null)
        {
            output.Write(" xmlns:xlink=\"http://www.w3.org/1999/xlink\""u8);
        }

        output.Write(" version=\"1.1\" width=\""u8);
        WriteLength(output, style, layout.CanvasWidth);
        output.Write("\" height=\""u8);
        WriteLength(output, style, layout.CanvasHeight);
        output.Write("\" viewBox=\""u8);
        if (layout.Frame is { } frame)
        {
            WriteFrameViewBox(output, layout, frame);
        }
        else
        {
            output.Write("0 0 "u8);
            output.WriteNumber(total);
            output.WriteByte((byte)' ');
            output.WriteNumber(total);
        }

        output.Write(style.IsPlainSquares ? "\" shape-rendering=\"crispEdges\">"u8 : "\">"u8);

        if (style.Background.A > 0)
        {
            output.Write("<rect width=\"100%\" height=\"100%\""u8);
            WriteFrameOrigin(output, layout);
            WriteFill(output, style.Background);
            output.Write("/>"u8);
        }

        WriteFrame(output, layout);

        if (style.Gradient is { } gradient)
        {
            WriteGradient(output, layout, gradient);
        }

        if (style.IsPlainSquares && logo is null)
        {
            WriteRowStrokes(output, layout);
        }
        else
        {
            output.Write("<path"u8);
            WriteFill(output, QrPaint.Modules(style));
            output.Write(" d=\""u8);
            QrOutline.EmitModules(layout, new SvgPathSink(output));
            output.Write("\"/>"u8);
        }

        if (QrOutline.HasSeparateEyes(layout))
        {
            if (QrOutline.HasEyeColours(layout))
            {
                WriteEyes(output, layout, EyeParts.Frame, QrPaint.Frames(style));
                WriteEyes(output, layout, EyeParts.Ball, QrPaint.Balls(style));
            }
            else
            {
                WriteEyes(output, layout, EyeParts.Both, QrPaint.Modules(style));
            }
        }

        if (logo is not null && style.LogoBackground is { } padColour)
        {
            output.Write("<path"u8);
            WriteFill(output, padColour);
            output.Write(" d=\""u8);
            QrOutline.EmitLogoPad(layout, new SvgPathSink(output));
            output.Write("\"/>"u8);
        }

        if (logo is not null)
        {
            var (x, y, width, height) = layout.LogoRect(logo.Image.Width, logo.Image.Height);
            output.Write("<image x=\""u8);
            output.WriteNumber(x);
            output.Write("\" y=\""u8);
            output.WriteNumber(y);
            output.Write("\" width=\""u8);
            output.WriteNumber(width);
            output.Write("\" height=\""u8);
            output.WriteNumber(height);
            output.Write("\" preserveAspectRatio=\"xMidYMid meet\" xlink:href=\"data:"u8);
            output.WriteText(logo.MediaType);
            output.Write(";base64,"u8);
            output.WriteText(Convert.ToBase64String(logo.Encoded.Span));
            output.Write("\"/>"u8);
        }

        output.Write("</svg>\n"u8);
        return output.ToArray();
    }

    /// <summary>A framed image's view box: the code's box stays at 0 0 in module units, the frame around it.</summary>
    private static void WriteFrameViewBox(OutputBuffer output, QrLayout layout, FrameLayout frame)
    {
        var modulesPerPixel = layout.TotalModules / (double)layout.Style.Size;
        output.WriteNumber(-frame.CodeX * modulesPerPixel);
        output.WriteByte((byte)' ');
        output.WriteNumber(-frame.CodeY * modulesPerPixel);
        output.WriteByte((byte)' ');
        output.WriteNumber(frame.Width * modulesPerPixel);
        output.WriteByte((byte)' ');
        output.WriteNumber(frame.Height * modulesPerPixel);
    }

    /// <summary>The background's top-left corner when a frame moves the view box's origin.</summary>
    private static void WriteFrameOrigin(OutputBuffer output, QrLayout layout)
    {
        if (layout.Frame is { } frame)
        {
            var modulesPerPixel = layout.TotalModules / (double)layout.Style.Size;
            output.Write(" x=\""u8);
            output.WriteNumber(-frame.CodeX * modulesPerPixel);
            output.Write("\" y=\""u8);
            output.WriteNumber(-frame.CodeY * modulesPerPixel);
            output.WriteByte((byte)'"');
        }
    }

    /// <summary>The frame (even-odd) and its text (non-zero) as two paths in module units: outlines, never <c>&lt;text&gt;</c>.</summary>
    private static void WriteFrame(OutputBuffer output, QrLayout layout)
    {
        if (layout.Frame is not { } frame)
        {
            return;
        }

        var modulesPerPixel = layout.TotalModules / (double)layout.Style.Size;
        output.Write("<path fill-rule=\"evenodd\""u8);
        WriteFill(output, frame.FrameColour);
        output.Write(" d=\""u8);
        frame.EmitFrame(new SvgPathSink(output), frame.CodeX, frame.CodeY, modulesPerPixel);
        output.Write("\"/>"u8);
        if (frame.HasText)
        {
            output.Write("<path"u8);
            WriteFill(output, frame.TextColour);
            output.Write(" d=\""u8);
            frame.EmitText(new SvgPathSink(output), frame.CodeX, frame.CodeY, modulesPerPixel);
            output.Write("\"/>"u8);
        }
    }

    /// <summary>
    /// The plain-square fast path: each horizontal run of dark modules is a one-module-wide stroke along
    /// the row's centre line (<c>M x y.5hW</c>, then <c>mGAP 0hW</c> within the row), all in one path. It
    /// covers exactly the same squares as filled rectangles in half the bytes, and runs are found with
    /// vectorised span searches rather than module by module.
    /// </summary>
    private static void WriteRowStrokes(OutputBuffer output, QrLayout layout)
    {
        var matrix = layout.Matrix;
        var colour = layout.Style.Foreground;
        var size = matrix.Size;
        var q = layout.QuietZone;
        output.Write("<path stroke-width=\"1\" stroke=\""u8);
        output.WriteText(colour.ToHexRgb());
        output.WriteByte((byte)'"');
        if (!colour.IsOpaque)
        {
            output.Write(" stroke-opacity=\""u8);
            output.WriteText((colour.A / 255.0).ToString("0.###", CultureInfo.InvariantCulture));
            output.WriteByte((byte)'"');
        }

        output.Write(" d=\""u8);
        for (var y = 0; y < size; y++)
        {
            var row = matrix.Row(y);
            var x = 0;
            var penX = -1;
            while (x < size)
            {
                var start = row[x..].IndexOf(true);
                if (start < 0)
                {
                    break;
                }

                x += start;
                var length = row[x..].IndexOf(false);
                if (length < 0)
                {
                    length = size - x;
                }

                // Worst case per run: "M" + 3 digits + " " + 3 digits + ".5h" + 3 digits.
                var span = output.GetSpan(16);
                var at = 0;
                if (penX < 0)
                {
                    span[at++] = (byte)'M';
                    at += WriteSmall(span[at..], q + x);
                    span[at++] = (byte)' ';
                    at += WriteSmall(span[at..], q + y);
                    span[at++] = (byte)'.';
                    span[at++] = (byte)'5';
                }
                else
                {
                    span[at++] = (byte)'m';
                    at += WriteSmall(span[at..], x - penX);
                    span[at++] = (byte)' ';
                    span[at++] = (byte)'0';
                }

                span[at++] = (byte)'h';
                at += WriteSmall(span[at..], length);
                output.Advance(at);
                x += length;
                penX = x;
            }
        }

        output.Write("\"/>"u8);
    }

    /// <summary>The image's side: the print width with its unit (<c>30mm</c>, <c>1.5in</c>), or pixels.</summary>
    /// <summary>A side of <paramref name="pixels"/> pixels: in pixels, or with a print width in its unit (a frame in proportion).</summary>
    private static void WriteLength(OutputBuffer output, QrStyle style, int pixels)
    {
        if (style.Print is { Width: { } width } print)
        {
            output.WriteNumber(pixels == style.Size ? width : Math.Round(width * pixels / style.Size, 3));
            output.WriteText(print.UnitName);
            return;
        }

        output.WriteNumber(pixels);
    }

    /// <summary>Writes a non-negative integer below 1000 (module coordinates) as ASCII digits.</summary>
    private static int WriteSmall(Span<byte> target, int value)
    {
        if (value < 10)
        {
            target[0] = (byte)('0' + value);
            return 1;
        }

        if (value < 100)
        {
            target[0] = (byte)('0' + (value / 10));
            target[1] = (byte)('0' + (value % 10));
            return 2;
        }

        target[0] = (byte)('0' + (value / 100));
        target[1] = (byte)('0' + (value / 10 % 10));
        target[2] = (byte)('0' + (value % 10));
        return 3;
    }

    private static void WriteEyes(OutputBuffer output, QrLayout layout, EyeParts parts, QrPaint paint)
    {
        output.Write("<path fill-rule=\"evenodd\""u8);
        WriteFill(output, paint);
        output.Write(" d=\""u8);
        QrOutline.EmitEyes(layout, new SvgPathSink(output), parts);
        output.Write("\"/>"u8);
    }

    /// <summary>The gradient as the one <c>&lt;defs&gt;</c> entry, <c>id="g"</c>, in module units (fixed id: output stays deterministic).</summary>
    private static void WriteGradient(OutputBuffer output, QrLayout layout, QrGradient gradient)
    {
        if (gradient.Kind == GradientKind.Radial)
        {
            var (centre, radius) = layout.GradientCircle();
            output.Write("<defs><radialGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" cx=\""u8);
            output.WriteNumber(centre);
            output.Write("\" cy=\""u8);
            output.WriteNumber(centre);
            output.Write("\" r=\""u8);
            output.WriteNumber(radius);
        }
        else
        {
            var (x0, y0, x1, y1) = layout.GradientLine(gradient.Angle);
            output.Write("<defs><linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\""u8);
            output.WriteNumber(x0);
            output.Write("\" y1=\""u8);
            output.WriteNumber(y0);
            output.Write("\" x2=\""u8);
            output.WriteNumber(x1);
            output.Write("\" y2=\""u8);
            output.WriteNumber(y1);
        }

        output.Write("\"><stop offset=\"0\" stop-color=\""u8);
        output.WriteText(gradient.Start.ToHexRgb());
        output.Write("\"/><stop offset=\"1\" stop-color=\""u8);
        output.WriteText(gradient.End.ToHexRgb());
        output.Write(gradient.Kind == GradientKind.Radial ? "\"/></radialGradient></defs>"u8 : "\"/></linearGradient></defs>"u8);
    }

    private static void WriteFill(OutputBuffer output, QrPaint paint)
    {
        if (paint.Gradient is null)
        {
            WriteFill(output, paint.Colour);
            return;
        }

        output.Write(" fill=\"url(#g)\""u8);
    }

    private static void WriteFill(OutputBuffer output, QrColour colour)
    {
        output.Write(" fill=\""u8);
        output.WriteText(colour.ToHexRgb());
        output.WriteByte((byte)'"');
        if (!colour.IsOpaque)
        {
            output.Write(" fill-opacity=\""u8);
            output.WriteText((colour.A / 255.0).ToString("0.###", CultureInfo.InvariantCulture));
            output.WriteByte((byte)'"');
        }
    }

    /// <summary>Writes SVG path data; square runs use the short <c>M x y h w v 1 h -w z</c> form.</summary>
    private sealed class SvgPathSink(OutputBuffer output) : IPathSink
    {
        public void Rect(int x, int y, int width, int height)
        {
            output.WriteByte((byte)'M');
            output.WriteNumber(x);
            output.WriteByte((byte)' ');
            output.WriteNumber(y);
            output.WriteByte((byte)'h');
            output.WriteNumber(width);
            output.WriteByte((byte)'v');
            output.WriteNumber(height);
            output.Write("h-"u8);
            output.WriteNumber(width);
            output.WriteByte((byte)'z');
        }

        public void MoveTo(double x, double y) => Command('M', x, y);

        public void LineTo(double x, double y) => Command('L', x, y);

        public void CubicTo(double x1, double y1, double x2, double y2, double x, double y)
        {
            Command('C', x1, y1);
            output.WriteByte((byte)' ');
            Pair(x2, y2);
            output.WriteByte((byte)' ');
            Pair(x, y);
        }

        public void Close() => output.WriteByte((byte)'z');

        private void Command(char command, double x, double y)
        {
            output.WriteByte((byte)command);
            Pair(x, y);
        }

        private void Pair(double x, double y)
        {
            output.WriteNumber(x);
            output.WriteByte((byte)' ');
            output.WriteNumber(y);
        }
    }
}
