using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Where everything goes, in module units: the symbol, its quiet zone and the logo pad. Shared by all
/// renderers so that every format shows the same code.
/// </summary>
internal sealed class QrLayout
{
    public QrLayout(QrMatrix matrix, QrStyle style, bool hasLogo)
    {
        Matrix = matrix;
        Style = style;
        QuietZone = style.QuietZone;
        TotalModules = matrix.Size + (2 * style.QuietZone);
        Frame = style.Frame is { } frame ? new FrameLayout(frame, style) : null;
        if (hasLogo)
        {
            // Same parity as the symbol so the pad is centred on whole modules.
            var pad = (int)(matrix.Size * QrLogo.MaxWidthShare);
            if ((pad & 1) != (matrix.Size & 1))
            {
                pad--;
            }

            LogoPadModules = Math.Max(pad, 3);
            LogoPadStart = (matrix.Size - LogoPadModules) / 2;
        }
    }

    public QrMatrix Matrix { get; }

    /// <summary>The frame around the code's box, or null: then the canvas is the box, <see cref="QrStyle.Size"/> square.</summary>
    public FrameLayout? Frame { get; }

    /// <summary>The whole image's width in pixels: the code's box and any frame.</summary>
    public int CanvasWidth => Frame?.Width ?? Style.Size;

    /// <summary>The whole image's height in pixels.</summary>
    public int CanvasHeight => Frame?.Height ?? Style.Size;

    public QrStyle Style { get; }

    public int QuietZone { get; }

    /// <summary>Modules on a side including both quiet zones.</summary>
    public int TotalModules { get; }

    /// <summary>Side of the cleared square under the logo, in modules (0 without a logo).</summary>
    public int LogoPadModules { get; }

    /// <summary>First symbol row/column of the logo pad (symbol coordinates, no quiet zone).</summary>
    public int LogoPadStart { get; }

    /// <summary>True when the module at symbol coordinates (x, y) is dark and drawn (not under the logo pad).</summary>
    public bool IsDrawnDark(int x, int y) => Matrix[x, y] && !IsUnderLogo(x, y);

    public bool IsUnderLogo(int x, int y) =>
        LogoPadModules > 0
        && x >= LogoPadStart && x < LogoPadStart + LogoPadModules
        && y >= LogoPadStart && y < LogoPadStart + LogoPadModules;

    /// <summary>The logo's box inside the pad (<see cref="QrStyle.LogoPadding"/> of breathing room), in module units incl. quiet zone.</summary>
    public (double X, double Y, double Size) LogoBox()
    {
        // At least one module of logo, however small the pad.
        var padding = Math.Min(Style.LogoPadding, (LogoPadModules - 1) / 2.0);
        var start = QuietZone + LogoPadStart + padding;
        return (start, start, LogoPadModules - (2 * padding));
    }

    /// <summary>The knock-out pad's corner radius in modules.</summary>
    public double LogoPadRadius => Style.LogoCornerRadius * LogoPadModules;

    /// <summary>
    /// Where a linear gradient starts and ends (module units incl. quiet zone): through the symbol's centre at the
    /// style's angle, long enough that the symbol's corners get the pure start and end colours.
    /// </summary>
    public (double X0, double Y0, double X1, double Y1) GradientLine(double angleDegrees)
    {
        var radians = angleDegrees * Math.PI / 180;
        var (dx, dy) = (Math.Cos(radians), Math.Sin(radians));
        var centre = QuietZone + (Matrix.Size / 2.0);
        var half = Matrix.Size / 2.0 * (Math.Abs(dx) + Math.Abs(dy));
        return (centre - (dx * half), centre - (dy * half), centre + (dx * half), centre + (dy * half));
    }

    /// <summary>A radial gradient's centre (the symbol's) and radius (to its corners), in module units incl. quiet zone.</summary>
    public (double Centre, double Radius) GradientCircle() => (QuietZone + (Matrix.Size / 2.0), Matrix.Size / Math.Sqrt(2));

    /// <summary>The logo image's drawn rectangle, fitted inside <see cref="LogoBox"/> keeping its aspect ratio.</summary>
    public (double X, double Y, double Width, double Height) LogoRect(int imageWidth, int imageHeight)
    {
        var (x, y, size) = LogoBox();
        var scale = size / Math.Max(imageWidth, imageHeight);
        var width = imageWidth * scale;
        var height = imageHeight * scale;
        return (x + ((size - width) / 2), y + ((size - height) / 2), width, height);
    }

    /// <summary>Whole pixels per module for raster output, or a typed error when the size is too small.</summary>
    public int PixelsPerModule(int sizePixels)
    {
        var scale = sizePixels / TotalModules;
        if (scale < 1)
        {
            throw new QrEngineException(
                QrErrorCodes.InvalidSize,
                "style.size",
                $"Size {sizePixels} px is too small for a version {Matrix.Version} code with a {QuietZone}-module quiet zone; it needs at least {TotalModules} px.");
        }

        return scale;
    }
}
