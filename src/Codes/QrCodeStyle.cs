using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;

namespace QrAspire.Codes;

/// <summary>
/// A saved or requested look. Every field is optional; what is missing takes the engine's default (512 px, 300 dpi,
/// quiet zone 4, black on white, square modules and eyes, error correction M).
/// </summary>
public sealed record QrCodeStyle
{
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

    /// <summary>The engine's style; colours are parsed here, so a bad one is a field error naming it.</summary>
    public QrStyle ToEngineStyle(ReadOnlyMemory<byte>? logo)
    {
        var defaults = QrStyle.Default;
        return new QrStyle
        {
            Size = Size ?? defaults.Size,
            Dpi = Dpi ?? defaults.Dpi,
            QuietZone = QuietZone ?? defaults.QuietZone,
            Foreground = Foreground is null ? defaults.Foreground : QrColour.Parse(Foreground, "style.foreground"),
            Background = Background is null ? defaults.Background : QrColour.Parse(Background, "style.background"),
            Modules = Modules ?? defaults.Modules,
            Eyes = Eyes ?? defaults.Eyes,
            Logo = logo,
        };
    }

    /// <summary>The error-correction level, or a field error.</summary>
    public ErrorCorrectionLevel ErrorCorrectionLevel() => ErrorCorrection?.Trim().ToUpperInvariant() switch
    {
        null or "" => QrEngine.Encoding.ErrorCorrectionLevel.M,
        "L" => QrEngine.Encoding.ErrorCorrectionLevel.L,
        "M" => QrEngine.Encoding.ErrorCorrectionLevel.M,
        "Q" => QrEngine.Encoding.ErrorCorrectionLevel.Q,
        "H" => QrEngine.Encoding.ErrorCorrectionLevel.H,
        _ => throw new QrEngine.QrEngineException(QrEngine.QrErrorCodes.InvalidStyle, "style.errorCorrection", $"Unknown error-correction level '{ErrorCorrection}'; use L, M, Q or H."),
    };
}
