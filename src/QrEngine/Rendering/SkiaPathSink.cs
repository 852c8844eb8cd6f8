using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>Collects the outline into an even-odd <see cref="SKPath"/>.</summary>
internal sealed class SkiaPathSink(SKPathFillType fill = SKPathFillType.EvenOdd) : IPathSink, IDisposable
{
    private readonly SKPathBuilder _path = new() { FillType = fill };

    public SKPath Build() => _path.Detach();

    public void Dispose() => _path.Dispose();

    public void Rect(int x, int y, int width, int height) => _path.AddRect(SKRect.Create(x, y, width, height), SKPathDirection.Clockwise);

    public void MoveTo(double x, double y) => _path.MoveTo((float)x, (float)y);

    public void LineTo(double x, double y) => _path.LineTo((float)x, (float)y);

    public void CubicTo(double x1, double y1, double x2, double y2, double x, double y) =>
        _path.CubicTo((float)x1, (float)y1, (float)x2, (float)y2, (float)x, (float)y);

    public void Close() => _path.Close();
}
