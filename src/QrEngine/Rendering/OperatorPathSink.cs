namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Writes the outline as postfix path operators — the same shape in PDF content streams and in PostScript (EPS);
/// only the operator names differ (<see cref="PathOperators"/>).
/// </summary>
internal sealed class OperatorPathSink(OutputBuffer output, PathOperators operators) : IPathSink
{
    public void Rect(int x, int y, int width, int height)
    {
        output.WriteNumber(x);
        output.WriteByte((byte)' ');
        output.WriteNumber(y);
        output.WriteByte((byte)' ');
        output.WriteNumber(width);
        output.WriteByte((byte)' ');
        output.WriteNumber(height);
        output.Write(operators.Rect);
    }

    public void MoveTo(double x, double y)
    {
        Pair(x, y);
        output.Write(operators.MoveTo);
    }

    public void LineTo(double x, double y)
    {
        Pair(x, y);
        output.Write(operators.LineTo);
    }

    public void CubicTo(double x1, double y1, double x2, double y2, double x, double y)
    {
        Pair(x1, y1);
        output.WriteByte((byte)' ');
        Pair(x2, y2);
        output.WriteByte((byte)' ');
        Pair(x, y);
        output.Write(operators.CubicTo);
    }

    public void Close() => output.Write(operators.Close);

    private void Pair(double x, double y)
    {
        output.WriteNumber(x);
        output.WriteByte((byte)' ');
        output.WriteNumber(y);
    }
}

/// <summary>The operator names (with their separators) one format uses for each path step.</summary>
internal sealed record PathOperators(byte[] Rect, byte[] MoveTo, byte[] LineTo, byte[] CubicTo, byte[] Close)
{
    /// <summary>PDF's own operators.</summary>
    public static PathOperators Pdf { get; } = new(" re\n"u8.ToArray(), " m\n"u8.ToArray(), " l\n"u8.ToArray(), " c\n"u8.ToArray(), "h\n"u8.ToArray());

    /// <summary>The short procedures the EPS prolog defines (R, M, L, C, Z).</summary>
    public static PathOperators Eps { get; } = new(" R\n"u8.ToArray(), " M\n"u8.ToArray(), " L\n"u8.ToArray(), " C\n"u8.ToArray(), "Z\n"u8.ToArray());
}
