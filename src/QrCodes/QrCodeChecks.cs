using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;

namespace QrAspire.QrCodes;

/// <summary>Why content or style cannot become a code: the field (<c>content.*</c>, <c>style.*</c>), a reason and a stable code.</summary>
/// <param name="Field">The JSON path of the field at fault.</param>
/// <param name="Message">A human reason.</param>
/// <param name="Code">A stable error code.</param>
/// <param name="Unrenderable">True when no single field is at fault: the code as a whole cannot be encoded or rendered.</param>
public sealed record QrCodeProblem(string Field, string Message, string Code, bool Unrenderable = false)
{
    /// <summary>The problem an engine error stands for; the engine names fields as the Api does (<c>content.*</c>, <c>style.*</c>).</summary>
    public static QrCodeProblem From(QrEngineException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new QrCodeProblem(error.Field ?? "content", error.Message, error.Code, error.Code == QrErrorCodes.RenderFailed);
    }
}

/// <summary>
/// The one check that content and style can become a code, without rendering an image: creating a code, each row of a
/// batch, changing a code's content or style all ask it (through <see cref="QrCodeContents"/> for what a code encodes).
/// </summary>
public static class QrCodeChecks
{
    // Version 40 at level H holds 1,273 bytes; below this (with room for the UTF-8 ECI header) any level fits, so
    // the costly encode that would only prove it is skipped — a 10,000-row batch is checked in a fraction of the time.
    private const int AlwaysFits = 1200;

    /// <summary>Null when the content is valid for its type, fits a QR code at the style's level and the style is valid; otherwise why not.</summary>
    public static QrCodeProblem? Check(IQrContent content, QrCodeStyle? style)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var level = (style ?? new QrCodeStyle()).ErrorCorrectionLevel();
            var text = content.ToQrText();
            if (System.Text.Encoding.UTF8.GetByteCount(text) > AlwaysFits)
            {
                _ = QrEngine.Encoding.QrEncoder.Encode(text, level);
            }

            (style ?? new QrCodeStyle()).ToEngineStyle(null).Validate();
            return null;
        }
        catch (QrEngineException error)
        {
            return QrCodeProblem.From(error);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or FormatException)
        {
            return new QrCodeProblem("content", error.Message, QrErrorCodes.RenderFailed, Unrenderable: true);
        }
    }

    /// <summary>Null when the style alone is valid (a brand kit's style, before it meets any content); otherwise why not.</summary>
    public static QrCodeProblem? CheckStyle(QrCodeStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        try
        {
            _ = style.ErrorCorrectionLevel();
            style.ToEngineStyle(null).Validate();
            return null;
        }
        catch (QrEngineException error)
        {
            return QrCodeProblem.From(error);
        }
    }
}
