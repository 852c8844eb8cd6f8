namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Receives the code's vector outline in module units (origin top-left, y down, quiet zone included),
/// so every format draws exactly the same shapes. Filled with the even-odd rule.
/// </summary>
internal interface IPathSink
{
    /// <summary>An axis-aligned rectangle subpath.</summary>
    void Rect(int x, int y, int width, int height);

    void MoveTo(double x, double y);

    void LineTo(double x, double y);

    void CubicTo(double x1, double y1, double x2, double y2, double x, double y);

    void Close();
}
