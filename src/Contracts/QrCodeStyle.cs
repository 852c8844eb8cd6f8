namespace QrAspire.Contracts;

/// <summary>
/// A saved or requested look. Every field is optional; what is missing takes the engine's default (512 px, 300 dpi,
/// quiet zone 4, black on white, square modules and eyes, error correction M).
/// </summary>
public sealed record QrCodeStyle
{
    // The fields say what they are; a summary would also change the OpenAPI document.
    public int? Size { get; init; }
    public int? Dpi { get; init; }
    public int? QuietZone { get; init; }
    public string? Foreground { get; init; }
    public string? Background { get; init; }
    public ModuleShape? Modules { get; init; }
    public EyeShape? Eyes { get; init; }

    /// <summary>L, M, Q or H; a logo forces H.</summary>
    public string? ErrorCorrection { get; init; }

    /// <summary>An uploaded logo (<c>POST /api/v1/logos</c>) to centre on the code.</summary>
    public string? LogoId { get; init; }

    /// <summary>This style with the non-null fields of <paramref name="overrides"/> on top.</summary>
    public QrCodeStyle With(QrCodeStyle? overrides) => overrides is null ? this : new QrCodeStyle
    {
        Size = overrides.Size ?? Size,
        Dpi = overrides.Dpi ?? Dpi,
        QuietZone = overrides.QuietZone ?? QuietZone,
        Foreground = overrides.Foreground ?? Foreground,
        Background = overrides.Background ?? Background,
        Modules = overrides.Modules ?? Modules,
        Eyes = overrides.Eyes ?? Eyes,
        ErrorCorrection = overrides.ErrorCorrection ?? ErrorCorrection,
        LogoId = overrides.LogoId ?? LogoId,
    };
}

/// <summary>How the data modules are drawn.</summary>
public enum ModuleShape
{
    /// <summary>Plain squares (the fastest path, crisp at any size).</summary>
    Square,

    /// <summary>Squares whose outer corners are rounded where no neighbour continues them.</summary>
    Rounded,

    /// <summary>A round dot per module (90% of the module's width).</summary>
    Dots,
}

/// <summary>How the three finder patterns (the "eyes") are drawn.</summary>
public enum EyeShape
{
    /// <summary>The standard square rings.</summary>
    Square,

    /// <summary>Rings and centres with rounded corners.</summary>
    Rounded,

    /// <summary>Circular rings with a round centre.</summary>
    Circle,
}
