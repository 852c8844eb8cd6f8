using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Sorts an outline's subpaths into the bands of a gradient by where each one's bounding box is centred, so PostScript
/// level 2 (no smooth shading) can paint a gradient as a few solid fills. Clipping to the outline and painting bands
/// through it was tried first: PostScript paints every pixel a clip path touches, which fattened dense codes until
/// ZXing no longer read them. Runs one module high are split into single modules so a long run is not one colour;
/// taller rectangles (the eyes' frames and holes) stay whole so their even-odd rings keep their holes.
/// </summary>
internal sealed class BandedPathSink : IPathSink, IDisposable
{
    private readonly QrLayout _layout;
    private readonly QrGradient _gradient;
    private readonly OutputBuffer[] _bands;
    private readonly List<(char Op, double[] Values)> _subpath = [];
    private double _minX = double.MaxValue, _minY = double.MaxValue, _maxX = double.MinValue, _maxY = double.MinValue;

    public BandedPathSink(QrLayout layout, QrGradient gradient, int bands)
    {
        _layout = layout;
        _gradient = gradient;
        _bands = new OutputBuffer[bands];
    }

    /// <summary>The outline of each band that has any (null for an empty band), in band order.</summary>
    public IReadOnlyList<OutputBuffer?> Bands
    {
        get
        {
            Flush();
            return _bands;
        }
    }

    public void Rect(int x, int y, int width, int height)
    {
        Flush();
        if (height == 1)
        {
            for (var i = 0; i < width; i++)
            {
                Operators(Band(x + i + 0.5, y + 0.5)).Rect(x + i, y, 1, 1);
            }

            return;
        }

        Operators(Band(x + (width / 2.0), y + (height / 2.0))).Rect(x, y, width, height);
    }

    public void MoveTo(double x, double y)
    {
        Flush();
        Add('M', x, y);
    }

    public void LineTo(double x, double y) => Add('L', x, y);

    public void CubicTo(double x1, double y1, double x2, double y2, double x, double y) => Add('C', x1, y1, x2, y2, x, y);

    public void Close()
    {
        _subpath.Add(('Z', []));
        Flush();
    }

    public void Dispose()
    {
        foreach (var band in _bands)
        {
            band?.Dispose();
        }
    }

    private void Add(char op, params double[] values)
    {
        _subpath.Add((op, values));
        for (var i = 0; i < values.Length; i += 2)
        {
            _minX = Math.Min(_minX, values[i]);
            _maxX = Math.Max(_maxX, values[i]);
            _minY = Math.Min(_minY, values[i + 1]);
            _maxY = Math.Max(_maxY, values[i + 1]);
        }
    }

    private void Flush()
    {
        if (_subpath.Count == 0)
        {
            return;
        }

        var sink = Operators(Band((_minX + _maxX) / 2, (_minY + _maxY) / 2));
        foreach (var (op, v) in _subpath)
        {
            switch (op)
            {
                case 'M':
                    sink.MoveTo(v[0], v[1]);
                    break;
                case 'L':
                    sink.LineTo(v[0], v[1]);
                    break;
                case 'C':
                    sink.CubicTo(v[0], v[1], v[2], v[3], v[4], v[5]);
                    break;
                default:
                    sink.Close();
                    break;
            }
        }

        _subpath.Clear();
        (_minX, _minY, _maxX, _maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
    }

    private int Band(double x, double y)
    {
        double t;
        if (_gradient.Kind == GradientKind.Radial)
        {
            var (centre, radius) = _layout.GradientCircle();
            t = Math.Sqrt(((x - centre) * (x - centre)) + ((y - centre) * (y - centre))) / radius;
        }
        else
        {
            var (x0, y0, x1, y1) = _layout.GradientLine(_gradient.Angle);
            var (dx, dy) = (x1 - x0, y1 - y0);
            t = (((x - x0) * dx) + ((y - y0) * dy)) / ((dx * dx) + (dy * dy));
        }

        return Math.Clamp((int)(t * _bands.Length), 0, _bands.Length - 1);
    }

    private OperatorPathSink Operators(int band) => new(_bands[band] ??= new OutputBuffer(1024), PathOperators.Eps);
}
