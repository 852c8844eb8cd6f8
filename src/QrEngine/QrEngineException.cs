namespace QrAspire.QrEngine;

/// <summary>
/// The one exception type the QR engine throws for bad input. <see cref="Code"/> is a stable,
/// machine-readable string (see <see cref="QrErrorCodes"/>) and <see cref="Field"/> names the request
/// field at fault, so an API can turn it into a problem+json response with field errors.
/// </summary>
public sealed class QrEngineException : Exception
{
    /// <summary>Creates an error with a stable code, the field it refers to and a human-readable message.</summary>
    public QrEngineException(string code, string? field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Field = field;
    }

    /// <summary>A stable error code such as <c>qr.data_too_long</c>; one of <see cref="QrErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The request field the error refers to (for example <c>style.foreground</c>), or null when it concerns the whole request.</summary>
    public string? Field { get; }
}

/// <summary>The stable error codes carried by <see cref="QrEngineException.Code"/>.</summary>
public static class QrErrorCodes
{
    /// <summary>The data does not fit in the largest version (or in the fixed version asked for) at the chosen error-correction level.</summary>
    public const string DataTooLong = "qr.data_too_long";

    /// <summary>The requested version is outside 1–40.</summary>
    public const string InvalidVersion = "qr.invalid_version";

    /// <summary>The requested image size is out of range, or too small for the symbol's modules.</summary>
    public const string InvalidSize = "qr.invalid_size";

    /// <summary>The quiet zone (margin) is out of range.</summary>
    public const string InvalidMargin = "qr.invalid_margin";

    /// <summary>The print resolution (DPI) is out of range.</summary>
    public const string InvalidDpi = "qr.invalid_dpi";

    /// <summary>The output format is not one the engine produces.</summary>
    public const string UnsupportedFormat = "qr.unsupported_format";

    /// <summary>A colour could not be parsed.</summary>
    public const string InvalidColour = "qr.invalid_colour";

    /// <summary>Foreground and background are too close in luminance for scanners.</summary>
    public const string ContrastTooLow = "qr.contrast_too_low";

    /// <summary>The foreground is lighter than the background (an inverted code), which many phone scanners cannot read.</summary>
    public const string ColoursInverted = "qr.colours_inverted";

    /// <summary>The logo is not a decodable PNG, JPEG or WebP image.</summary>
    public const string LogoInvalid = "qr.logo_invalid";

    /// <summary>The logo is larger than the byte or pixel limit.</summary>
    public const string LogoTooLarge = "qr.logo_too_large";

    /// <summary>A content field is missing, malformed or out of range (the code's value predates the word content and stays).</summary>
    public const string InvalidContent = "qr.invalid_payload";

    /// <summary>A content field contains a control character its format forbids.</summary>
    public const string ControlCharacter = "qr.control_character";

    /// <summary>A content field is longer than its limit.</summary>
    public const string FieldTooLong = "qr.field_too_long";

    /// <summary>The style combination is not valid (for example an unknown shape value).</summary>
    public const string InvalidStyle = "qr.invalid_style";

    /// <summary>An unexpected failure inside a rendering library; the message says which step failed.</summary>
    public const string RenderFailed = "qr.render_failed";
}
