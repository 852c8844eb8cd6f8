namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Crop marks at the trim's four corners, outside the bleed: two hairlines per corner continuing the trim's edges, in
/// coordinates where the trim spans 0 to <see cref="PrintPage.TrimWidth"/> and <see cref="PrintPage.TrimHeight"/> (y up). Stroked in registration colour (all four
/// inks) in CMYK output, so the marks show on every plate; in black otherwise.
/// </summary>
internal static class CropMarks
{
    /// <summary>The marks as PDF operators.</summary>
    public static void WritePdf(OutputBuffer output, PrintPage page)
    {
        output.Write(page.Cmyk ? "q 1 1 1 1 K "u8 : "q 0 0 0 RG "u8);
        output.WriteNumber(PrintPage.MarkWidth);
        output.Write(" w\n"u8);
        Lines(output, page, " m "u8, " l S\n"u8);
        output.Write("Q\n"u8);
    }

    /// <summary>The marks as PostScript operators.</summary>
    public static void WriteEps(OutputBuffer output, PrintPage page)
    {
        output.Write(page.Cmyk ? "gsave 1 1 1 1 setcmykcolor "u8 : "gsave 0 0 0 setrgbcolor "u8);
        output.WriteNumber(PrintPage.MarkWidth);
        output.Write(" setlinewidth\n"u8);
        Lines(output, page, " moveto "u8, " lineto stroke\n"u8);
        output.Write("grestore\n"u8);
    }

    private static void Lines(OutputBuffer output, PrintPage page, ReadOnlySpan<byte> moveTo, ReadOnlySpan<byte> lineTo)
    {
        var near = page.MarkStart;
        var far = page.MarkStart + PrintPage.MarkLength;
        foreach (var x in (ReadOnlySpan<double>)[0, page.TrimWidth])
        {
            foreach (var y in (ReadOnlySpan<double>)[0, page.TrimHeight])
            {
                // Outward from the corner: left of the left edge, below the bottom edge, and so on.
                var dx = x == 0 ? -1 : 1;
                var dy = y == 0 ? -1 : 1;
                Line(output, x + (dx * near), y, x + (dx * far), y, moveTo, lineTo);
                Line(output, x, y + (dy * near), x, y + (dy * far), moveTo, lineTo);
            }
        }
    }

    private static void Line(OutputBuffer output, double x0, double y0, double x1, double y1, ReadOnlySpan<byte> moveTo, ReadOnlySpan<byte> lineTo)
    {
        output.WriteNumber(x0);
        output.WriteByte((byte)' ');
        output.WriteNumber(y0);
        output.Write(moveTo);
        output.WriteNumber(x1);
        output.WriteByte((byte)' ');
        output.WriteNumber(y1);
        output.Write(lineTo);
    }
}
