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

    /// <summary>A linear or radial gradient over the dark modules instead of the foreground colour.</summary>
    public QrCodeGradient? Gradient { get; init; }

    /// <summary>Colour of the eyes' outer frames (#RRGGBB); default: the modules' colour or gradient.</summary>
    public string? EyeFrameColour { get; init; }

    /// <summary>Colour of the eyes' inner balls (#RRGGBB); default: the modules' colour or gradient.</summary>
    public string? EyeBallColour { get; init; }

    /// <summary>Fill of the knock-out pad under the logo (#RRGGBB); default: none, the code's background shows.</summary>
    public string? LogoBackground { get; init; }

    /// <summary>Space between the pad's edge and the logo, in modules (0–2; default 0.5).</summary>
    public double? LogoPadding { get; init; }

    /// <summary>Corner radius of the logo's pad as a share of its side (0 square – 0.5 circle; default 0).</summary>
    public double? LogoCornerRadius { get; init; }

    /// <summary>Physical size, bleed, crop marks and colour space for print.</summary>
    public QrCodePrint? Print { get; init; }

    /// <summary>A frame with call-to-action text around the code; the code keeps its size and the image grows to hold it.</summary>
    public QrCodeFrame? Frame { get; init; }

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
        Gradient = overrides.Gradient ?? Gradient,
        EyeFrameColour = overrides.EyeFrameColour ?? EyeFrameColour,
        EyeBallColour = overrides.EyeBallColour ?? EyeBallColour,
        LogoBackground = overrides.LogoBackground ?? LogoBackground,
        LogoPadding = overrides.LogoPadding ?? LogoPadding,
        LogoCornerRadius = overrides.LogoCornerRadius ?? LogoCornerRadius,
        Print = overrides.Print ?? Print,
        Frame = overrides.Frame ?? Frame,
    };
}

/// <summary>How a code is printed; every field is optional.</summary>
public sealed record QrCodePrint
{
    /// <summary>Printed width and height, quiet zone included; the pixel size becomes width × dpi. Default: size / dpi.</summary>
    public double? Width { get; init; }

    /// <summary><c>mm</c> (default) or <c>in</c>, for the width and the bleed.</summary>
    public string? Unit { get; init; }

    /// <summary>Background beyond the trim on each side in PDF and EPS (0–25.4 mm or 0–1 in; default 0).</summary>
    public double? Bleed { get; init; }

    /// <summary>Crop marks at the trim's corners in PDF and EPS (default false).</summary>
    public bool? CropMarks { get; init; }

    /// <summary><c>rgb</c> (default) or <c>cmyk</c>: the colours of PDF and EPS; RGB colours are converted with K = 1 − max(R, G, B).</summary>
    public string? ColourSpace { get; init; }
}

/// <summary>A two-colour gradient over the dark modules; both colours opaque, every point along it at least 3:1 against the background.</summary>
public sealed record QrCodeGradient
{
    /// <summary><c>linear</c> (default) or <c>radial</c> (start at the centre, end at the corners).</summary>
    public string? Type { get; init; }

    /// <summary>The start colour (#RRGGBB).</summary>
    public string? Start { get; init; }

    /// <summary>The end colour (#RRGGBB).</summary>
    public string? End { get; init; }

    /// <summary>Direction of a linear gradient in degrees, clockwise from left-to-right (90 = top to bottom; default 0).</summary>
    public double? Angle { get; init; }
}

/// <summary>
/// A frame around the code with a call to action, drawn as outlines of an embedded font (no font needed to open the file).
/// </summary>
public sealed record QrCodeFrame
{
    /// <summary>
    /// <c>banner_bottom</c> (default: a border with a solid band below carrying the text), <c>banner_top</c>, <c>box</c>
    /// (a thin border with the text under the code; text optional) or <c>bubble</c> (a label pointing up at the code).
    /// </summary>
    public string? Design { get; init; }

    /// <summary>The call to action, at most 30 characters of Latin, Greek or Cyrillic script, e.g. "Scan me".</summary>
    public string? Text { get; init; }

    /// <summary>The border and label colour (#RRGGBB); default: the code's foreground.</summary>
    public string? Colour { get; init; }

    /// <summary>The text colour (#RRGGBB), at least 3:1 against what it sits on; default: white or black on a band, the frame colour in a box.</summary>
    public string? TextColour { get; init; }
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

    /// <summary>A separate rounded square per module.</summary>
    RoundedSquare,

    /// <summary>A leaf per module (two opposite corners fully rounded).</summary>
    Leaf,

    /// <summary>A diamond per module.</summary>
    Diamond,

    /// <summary>Joined like rounded, with only top-left and bottom-right corners rounded.</summary>
    Classy,
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

    /// <summary>Rings and centres with all four corners rounded.</summary>
    RoundedSquare,

    /// <summary>The two corners off the diagonal through the code's centre strongly rounded.</summary>
    Leaf,

    /// <summary>Only the corner pointing away from the code's centre strongly rounded.</summary>
    Classy,
}
