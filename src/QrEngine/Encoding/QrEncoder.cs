using QRCoder;
using QRCoder.Exceptions;

namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// Encodes text into a <see cref="QrMatrix"/> with QRCoder: automatic (or fixed) version, mask chosen by
/// the standard's penalty rules. ASCII text uses the most compact mode; any other text is UTF-8 in byte
/// mode behind an ECI 26 (UTF-8) header so that scanners do not have to guess the character set.
/// </summary>
public static class QrEncoder
{
    /// <summary>Encodes <paramref name="text"/>.</summary>
    /// <param name="text">The text to encode.</param>
    /// <param name="level">The error-correction level.</param>
    /// <param name="version">A fixed version 1–40, or null to pick the smallest that fits.</param>
    /// <exception cref="QrEngineException"><c>qr.invalid_version</c> or <c>qr.data_too_long</c>.</exception>
    public static QrMatrix Encode(string text, ErrorCorrectionLevel level, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (version is < 1 or > 40)
        {
            throw new QrEngineException(QrErrorCodes.InvalidVersion, "version", $"Version {version} is out of range; a QR code has versions 1 to 40.");
        }

        var ascii = System.Text.Ascii.IsValid(text);
        QRCodeData data;
        try
        {
            data = QRCodeGenerator.GenerateQrCode(
                text,
                ToQrCoder(level),
                forceUtf8: !ascii,
                utf8BOM: false,
                eciMode: ascii ? QRCodeGenerator.EciMode.Default : QRCodeGenerator.EciMode.Utf8,
                requestedVersion: version ?? -1);
        }
        catch (ArgumentOutOfRangeException exception) when (version is not null)
        {
            // QRCoder 1.8.1 overflows its bit buffer instead of throwing DataTooLongException when UTF-8
            // data with its ECI header only just misses a fixed version.
            throw DataTooLong(text, level, version, exception);
        }
        catch (DataTooLongException exception)
        {
            throw DataTooLong(text, level, version, exception);
        }

        using (data)
        {
            return FromQrCoder(data, level);
        }
    }

    private static QrEngineException DataTooLong(string text, ErrorCorrectionLevel level, int? version, Exception? inner)
    {
        var where = version is null ? "the largest QR code (version 40)" : $"version {version}";
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return new QrEngineException(
            QrErrorCodes.DataTooLong,
            version is null ? "content" : "version",
            $"The data ({bytes} bytes) does not fit in {where} at error-correction level {level}. Shorten it, lower the error correction{(version is null ? string.Empty : " or allow a larger version")}.",
            inner);
    }

    internal static QRCodeGenerator.ECCLevel ToQrCoder(ErrorCorrectionLevel level) => level switch
    {
        ErrorCorrectionLevel.L => QRCodeGenerator.ECCLevel.L,
        ErrorCorrectionLevel.M => QRCodeGenerator.ECCLevel.M,
        ErrorCorrectionLevel.Q => QRCodeGenerator.ECCLevel.Q,
        ErrorCorrectionLevel.H => QRCodeGenerator.ECCLevel.H,
        _ => throw new QrEngineException(QrErrorCodes.InvalidStyle, "errorCorrection", $"Unknown error-correction level '{level}'."),
    };

    internal static QrMatrix FromQrCoder(QRCodeData data, ErrorCorrectionLevel level)
    {
        // QRCoder's matrix carries a 4-module quiet zone on each side; the renderers add their own.
        const int QuietZone = 4;
        var size = data.ModuleMatrix.Count - (2 * QuietZone);
        var modules = new bool[size * size];
        for (var y = 0; y < size; y++)
        {
            var row = data.ModuleMatrix[y + QuietZone];
            for (var x = 0; x < size; x++)
            {
                modules[(y * size) + x] = row[x + QuietZone];
            }
        }

        return new QrMatrix(data.Version, level, modules);
    }
}
