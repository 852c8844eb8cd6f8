namespace QrAspire.QrEngine.Styling;

/// <summary>How a code looks. Every property has a default that scans well; see <see cref="Validate"/> for the ranges.</summary>
public sealed record QrStyle
{
    /// <summary>The smallest image size accepted, in pixels.</summary>
    public const int MinSize = 64;

    /// <summary>The largest image size accepted, in pixels.</summary>
    public const int MaxSize = 4096;

    /// <summary>The largest quiet zone accepted, in modules.</summary>
    public const int MaxQuietZone = 16;

    /// <summary>The smallest print resolution accepted.</summary>
    public const int MinDpi = 72;

    /// <summary>The largest print resolution accepted.</summary>
    public const int MaxDpi = 2400;

    /// <summary>The largest <see cref="LogoPadding"/>, in modules.</summary>
    public const double MaxLogoPadding = 2;

    private readonly int _size = 512;

    /// <summary>The default style: 512 px, black on white, square modules and eyes, 4-module quiet zone.</summary>
    public static QrStyle Default { get; } = new();

    /// <summary>
    /// Width and height of the image in pixels (64–4096). Raster formats use whole pixels per module and
    /// centre the symbol, so the quiet zone may be slightly wider than asked. For PDF and EPS the page is
    /// <c>Size / Dpi</c> inches. With a <see cref="Print"/> width the size follows from it: <c>width × Dpi</c>, rounded.
    /// With a <see cref="Frame"/>, this is the code's size (quiet zone included) and the image grows to hold the frame.
    /// </summary>
    public int Size
    {
        get => Print?.PixelsAt(Dpi) ?? _size;
        init => _size = value;
    }

    /// <summary>
    /// Print resolution (72–2400): with <see cref="Size"/> it sets the physical size of PDF and EPS; with a
    /// <see cref="Print"/> width it sets the pixel size, and PNG and JPEG carry it in their metadata.
    /// </summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Physical size, bleed, crop marks and colour space for print, or null for none.</summary>
    public QrPrint? Print { get; init; }

    /// <summary>Quiet zone (blank margin) in modules, 0–16; the standard asks for 4.</summary>
    public int QuietZone { get; init; } = 4;

    /// <summary>Colour of the dark modules.</summary>
    public QrColour Foreground { get; init; } = QrColour.Black;

    /// <summary>Colour of the light modules and margin; may be transparent.</summary>
    public QrColour Background { get; init; } = QrColour.White;

    /// <summary>Shape of the data modules.</summary>
    public ModuleShape Modules { get; init; } = ModuleShape.Square;

    /// <summary>Shape of the three finder patterns.</summary>
    public EyeShape Eyes { get; init; } = EyeShape.Square;

    /// <summary>A gradient over the dark modules instead of <see cref="Foreground"/>, or null.</summary>
    public QrGradient? Gradient { get; init; }

    /// <summary>Colour of the eyes' outer frames (opaque), or null for the modules' colour or gradient.</summary>
    public QrColour? EyeFrameColour { get; init; }

    /// <summary>Colour of the eyes' inner balls (opaque), or null for the modules' colour or gradient.</summary>
    public QrColour? EyeBallColour { get; init; }

    /// <summary>
    /// The fill of the knock-out pad under a logo (opaque), or null to leave the pad the page's background. Ignored
    /// without a logo.
    /// </summary>
    public QrColour? LogoBackground { get; init; }

    /// <summary>Space between the pad's edge and the logo, in modules (0–2; default half a module).</summary>
    public double LogoPadding { get; init; } = 0.5;

    /// <summary>Corner radius of the knock-out pad as a share of its side (0 = square, 0.5 = circle).</summary>
    public double LogoCornerRadius { get; init; }

    /// <summary>
    /// An optional logo (PNG, JPEG or WebP, at most <see cref="QrLogo.MaxBytes"/> bytes and
    /// <see cref="QrLogo.MaxPixels"/> pixels a side) centred on the code. A logo forces error correction H.
    /// </summary>
    public ReadOnlyMemory<byte>? Logo { get; init; }

    /// <summary>
    /// A frame with call-to-action text around the code, or null for none. The code keeps its <see cref="Size"/> and the
    /// image grows to hold the frame.
    /// </summary>
    public QrFrame? Frame { get; init; }

    /// <summary>True when the style needs only squares: the fast PNG path and merged SVG runs apply.</summary>
    internal bool IsPlainSquares =>
        Modules == ModuleShape.Square && Eyes == EyeShape.Square && Gradient is null && EyeFrameColour is null && EyeBallColour is null;

    /// <summary>Checks ranges, enum values and colour contrast.</summary>
    /// <exception cref="QrEngineException">A specific error naming the field at fault.</exception>
    public void Validate()
    {
        Print?.Validate();
        if (Print?.Width is null && Size is < MinSize or > MaxSize)
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "style.size", $"Size {Size} px is out of range; use {MinSize} to {MaxSize}.");
        }

        if (Dpi is < MinDpi or > MaxDpi)
        {
            throw new QrEngineException(QrErrorCodes.InvalidDpi, "style.dpi", $"DPI {Dpi} is out of range; use {MinDpi} to {MaxDpi}.");
        }

        if (QuietZone is < 0 or > MaxQuietZone)
        {
            throw new QrEngineException(QrErrorCodes.InvalidMargin, "style.quietZone", $"Quiet zone {QuietZone} is out of range; use 0 to {MaxQuietZone} modules (4 is standard).");
        }

        if (!Enum.IsDefined(Modules))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.modules", $"Unknown module shape '{Modules}'.");
        }

        if (!Enum.IsDefined(Eyes))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.eyes", $"Unknown eye shape '{Eyes}'.");
        }

        ColourContrast.EnsureReadable(Foreground, Background);
        Gradient?.EnsureReadable(Background);
        EnsureOpaqueAndReadable(EyeFrameColour, "style.eyeFrameColour");
        EnsureOpaqueAndReadable(EyeBallColour, "style.eyeBallColour");
        if (!double.IsFinite(LogoPadding) || LogoPadding is < 0 or > MaxLogoPadding)
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.logoPadding", $"Logo padding {LogoPadding} is out of range; use 0 to {MaxLogoPadding} modules.");
        }

        if (!double.IsFinite(LogoCornerRadius) || LogoCornerRadius is < 0 or > 0.5)
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.logoCornerRadius", $"Logo corner radius {LogoCornerRadius} is out of range; use 0 (square) to 0.5 (circle).");
        }

        if (LogoBackground is { } pad)
        {
            if (!pad.IsOpaque)
            {
                throw new QrEngineException(QrErrorCodes.InvalidColour, "style.logoBackground", "The logo background must be opaque (#RRGGBB).");
            }

            // The pad sits among the modules: a dark pad would read as a block of dark modules.
            ColourContrast.EnsureReadable(Gradient?.Start ?? Foreground, pad, "style.logoBackground");
            ColourContrast.EnsureReadable(Gradient?.End ?? Foreground, pad, "style.logoBackground");
        }

        Frame?.Validate(this);
    }

    private void EnsureOpaqueAndReadable(QrColour? colour, string field)
    {
        if (colour is not { } value)
        {
            return;
        }

        if (!value.IsOpaque)
        {
            throw new QrEngineException(QrErrorCodes.InvalidColour, field, "Eye colours must be opaque (#RRGGBB).");
        }

        ColourContrast.EnsureReadable(value, Background, field);
    }
}
