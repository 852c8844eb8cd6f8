namespace QrAspire.QrEngine;

/// <summary>An output format.</summary>
public enum QrFormat
{
    /// <summary>PNG; 1-bit palette for plain styles, RGBA otherwise.</summary>
    Png,

    /// <summary>SVG (vector).</summary>
    Svg,

    /// <summary>PDF 1.4, one page (vector).</summary>
    Pdf,

    /// <summary>Encapsulated PostScript (vector).</summary>
    Eps,

    /// <summary>JPEG (no transparency: the background is flattened onto white).</summary>
    Jpeg,

    /// <summary>Lossless WebP.</summary>
    Webp,
}

/// <summary>Format names, media types and file extensions.</summary>
public static class QrFormats
{
    /// <summary>Parses a format name or extension (<c>png</c>, <c>svg</c>, <c>pdf</c>, <c>eps</c>, <c>jpeg</c>/<c>jpg</c>, <c>webp</c>), case-insensitive.</summary>
    /// <exception cref="QrEngineException"><c>qr.unsupported_format</c>.</exception>
    public static QrFormat Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "png" => QrFormat.Png,
        "svg" => QrFormat.Svg,
        "pdf" => QrFormat.Pdf,
        "eps" => QrFormat.Eps,
        "jpeg" or "jpg" => QrFormat.Jpeg,
        "webp" => QrFormat.Webp,
        _ => throw new QrEngineException(
            QrErrorCodes.UnsupportedFormat,
            "format",
            $"'{name}' is not a supported format; use png, svg, pdf, eps, jpeg or webp."),
    };

    /// <summary>The media type, e.g. <c>image/png</c>.</summary>
    public static string ContentType(this QrFormat format) => format switch
    {
        QrFormat.Png => "image/png",
        QrFormat.Svg => "image/svg+xml",
        QrFormat.Pdf => "application/pdf",
        QrFormat.Eps => "application/postscript",
        QrFormat.Jpeg => "image/jpeg",
        QrFormat.Webp => "image/webp",
        _ => throw Unsupported(format),
    };

    /// <summary>The file extension without a dot, e.g. <c>png</c>.</summary>
    public static string FileExtension(this QrFormat format) => format switch
    {
        QrFormat.Png => "png",
        QrFormat.Svg => "svg",
        QrFormat.Pdf => "pdf",
        QrFormat.Eps => "eps",
        QrFormat.Jpeg => "jpg",
        QrFormat.Webp => "webp",
        _ => throw Unsupported(format),
    };

    internal static QrEngineException Unsupported(QrFormat format) =>
        new(QrErrorCodes.UnsupportedFormat, "format", $"'{format}' is not a supported format; use png, svg, pdf, eps, jpeg or webp.");
}
