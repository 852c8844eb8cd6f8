using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Rendering;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine;

/// <summary>
/// The engine's entry point: validates a request, encodes its content and renders the chosen format.
/// Thread-safe and stateless. Every failure is a <see cref="QrEngineException"/> with a stable code and
/// field; no exception from a library underneath escapes.
/// </summary>
public static class QrRenderer
{
    /// <summary>Renders a request.</summary>
    /// <exception cref="QrEngineException">The request is invalid, the data does not fit, or rendering failed.</exception>
    public static RenderedImage Render(QrRenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is null)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content", "Content is required.");
        }

        var style = request.Style ?? QrStyle.Default;
        style.Validate();
        _ = request.Format.ContentType();
        if (!Enum.IsDefined(request.ErrorCorrection))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "errorCorrection", $"Unknown error-correction level '{request.ErrorCorrection}'; use L, M, Q or H.");
        }

        try
        {
            using var logo = style.Logo is { } logoBytes ? QrLogo.Load(logoBytes) : null;
            var text = request.Content.ToQrText();
            var level = logo is null ? request.ErrorCorrection : ErrorCorrectionLevel.H;
            var matrix = QrEncoder.Encode(text, level, request.Version);
            var content = Render(matrix, style, request.Format, logo);
            return new RenderedImage(content, request.Format.ContentType(), request.Format.FileExtension(), matrix.Version, level);
        }
        catch (QrEngineException)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new QrEngineException(QrErrorCodes.RenderFailed, null, $"Rendering failed: {exception.Message}", exception);
        }
    }

    /// <summary>Renders an already encoded matrix (used by bulk jobs and benchmarks that encode once).</summary>
    /// <exception cref="QrEngineException">The style is invalid or the size too small for the matrix.</exception>
    public static byte[] Render(QrMatrix matrix, QrStyle style, QrFormat format, QrLogo? logo = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(style);
        var layout = new QrLayout(matrix, style, logo is not null);
        PrintPage.EnsurePrintable(layout, format);
        layout.PixelsPerModule(style.Size);
        var image = format switch
        {
            QrFormat.Png => PngRenderer.Render(layout, logo),
            QrFormat.Svg => SvgRenderer.Render(layout, logo),
            QrFormat.Pdf => PdfRenderer.Render(layout, logo),
            QrFormat.Eps => EpsRenderer.Render(layout, logo),
            QrFormat.Jpeg => RasterRenderer.RenderJpeg(layout, logo),
            QrFormat.Webp => RasterRenderer.RenderWebp(layout, logo),
            _ => throw QrFormats.Unsupported(format),
        };
        return style.Print is null ? image : PrintDensity.Stamp(image, format, style.Dpi);
    }
}
