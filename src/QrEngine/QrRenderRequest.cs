using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine;

/// <summary>What to render: content, format, error correction, version and style.</summary>
/// <param name="Content">What to encode (a URL, vCard, Wi-Fi network…).</param>
/// <param name="Format">The output format.</param>
public sealed record QrRenderRequest(IQrContent Content, QrFormat Format = QrFormat.Png)
{
    /// <summary>Error-correction level (default M). Raised to H when the style has a logo.</summary>
    public ErrorCorrectionLevel ErrorCorrection { get; init; } = ErrorCorrectionLevel.M;

    /// <summary>A fixed version 1–40, or null (default) for the smallest that fits.</summary>
    public int? Version { get; init; }

    /// <summary>How the code looks.</summary>
    public QrStyle Style { get; init; } = QrStyle.Default;
}

/// <summary>A rendered code: the file bytes and how to serve them.</summary>
/// <param name="Content">The file bytes; identical for identical requests, so a hash of them is a strong ETag.</param>
/// <param name="ContentType">The media type, e.g. <c>image/png</c>.</param>
/// <param name="FileExtension">The extension without a dot, e.g. <c>png</c>.</param>
/// <param name="Version">The QR version used.</param>
/// <param name="ErrorCorrection">The error-correction level used (H when a logo forced it).</param>
public sealed record RenderedImage(byte[] Content, string ContentType, string FileExtension, int Version, ErrorCorrectionLevel ErrorCorrection);
