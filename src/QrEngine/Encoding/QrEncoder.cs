namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// Encodes text into a <see cref="QrMatrix"/>: the smallest version that fits (or a fixed one), the data
/// split into Reed–Solomon blocks, and the mask with the lowest penalty. ASCII text is split into the
/// numeric, alphanumeric and byte segments that take the fewest bits (<see cref="QrSegments"/>); any other
/// text is UTF-8 bytes behind an ECI 26 (UTF-8) header so that scanners do not have to guess the character set.
/// </summary>
public static class QrEncoder
{
    // The most characters any symbol holds (numeric mode, version 40, level L).
    private const int MostCharacters = 7089;

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

        if (!Enum.IsDefined(level))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "errorCorrection", $"Unknown error-correction level '{level}'.");
        }

        if (text.Length > MostCharacters)
        {
            throw DataTooLong(text, level, version);
        }

        // Segments and bits for each count-width band; a fixed version needs only its own band.
        var utf8 = System.Text.Ascii.IsValid(text) ? null : System.Text.Encoding.UTF8.GetBytes(text);
        var plans = new (List<QrSegment> Segments, int Bits)[3];
        var chosen = 0;
        for (var candidate = version ?? 1; candidate <= (version ?? 40) && chosen == 0; candidate++)
        {
            var band = QrSegments.Band(candidate);
            if (plans[band].Segments is null)
            {
                var segments = new List<QrSegment>();
                var bits = utf8 is null
                    ? QrSegments.Plan(text, band, segments)
                    : 12 + QrSegments.Bits(QrMode.Byte, utf8.Length, band); // the ECI header takes 12 bits
                if (utf8 is not null)
                {
                    segments.Add(new QrSegment(QrMode.Byte, 0, utf8.Length));
                }

                plans[band] = (segments, bits);
            }

            if (plans[band].Bits <= QrCapacity.DataCodewords(candidate, level) * 8)
            {
                chosen = candidate;
            }
        }

        if (chosen == 0)
        {
            throw DataTooLong(text, level, version);
        }

        Span<byte> data = stackalloc byte[QrCapacity.DataCodewords(chosen, level)];
        WriteData(data, text, utf8, plans[QrSegments.Band(chosen)].Segments, QrSegments.Band(chosen));
        Span<byte> codewords = stackalloc byte[QrCapacity.TotalCodewords(chosen)];
        Interleave(data, chosen, level, codewords);
        return new QrMatrix(chosen, level, QrSymbol.Build(chosen, level, codewords));
    }

    private static QrEngineException DataTooLong(string text, ErrorCorrectionLevel level, int? version)
    {
        var where = version is null ? "the largest QR code (version 40)" : $"version {version}";
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return new QrEngineException(
            QrErrorCodes.DataTooLong,
            version is null ? "content" : "version",
            $"The data ({bytes} bytes) does not fit in {where} at error-correction level {level}. Shorten it, lower the error correction{(version is null ? string.Empty : " or allow a larger version")}.");
    }

    private static void WriteData(Span<byte> data, string text, byte[]? utf8, List<QrSegment> segments, int band)
    {
        data.Clear();
        var writer = new BitWriter(data);
        if (utf8 is not null)
        {
            writer.Write(0b0111, 4); // ECI
            writer.Write(26, 8); // UTF-8
        }

        foreach (var (mode, start, length) in segments)
        {
            writer.Write((int)mode, 4);
            writer.Write(length, QrSegments.CountBits(mode, band));
            switch (mode)
            {
                case QrMode.Numeric:
                    for (var i = start; i < start + length; i += 3)
                    {
                        var digits = Math.Min(3, start + length - i);
                        var value = 0;
                        for (var j = 0; j < digits; j++)
                        {
                            value = (value * 10) + (text[i + j] - '0');
                        }

                        writer.Write(value, (digits * 3) + 1);
                    }

                    break;
                case QrMode.Alphanumeric:
                    for (var i = start; i < start + length; i += 2)
                    {
                        var first = QrSegments.Alphanumeric.IndexOf(text[i], StringComparison.Ordinal);
                        if (i + 1 < start + length)
                        {
                            writer.Write((first * 45) + QrSegments.Alphanumeric.IndexOf(text[i + 1], StringComparison.Ordinal), 11);
                        }
                        else
                        {
                            writer.Write(first, 6);
                        }
                    }

                    break;
                default:
                    for (var i = start; i < start + length; i++)
                    {
                        writer.Write(utf8 is null ? text[i] : utf8[i], 8);
                    }

                    break;
            }
        }

        // Up to four zero bits end the data, zeros fill the byte, then 0xEC and 0x11 take turns to fill the rest.
        writer.Write(0, Math.Min(4, (data.Length * 8) - writer.Bits));
        var used = (writer.Bits + 7) / 8;
        for (var i = used; i < data.Length; i++)
        {
            data[i] = (i - used) % 2 == 0 ? (byte)0xEC : (byte)0x11;
        }
    }

    /// <summary>Splits the data into blocks, adds each block's error correction and interleaves them all.</summary>
    private static void Interleave(ReadOnlySpan<byte> data, int version, ErrorCorrectionLevel level, Span<byte> codewords)
    {
        var blocks = QrCapacity.BlockCount(version, level);
        var eccLength = QrCapacity.EccCodewordsPerBlock(version, level);
        var total = codewords.Length;
        var longBlocks = total % blocks; // the last blocks hold one data codeword more
        var shortData = (total / blocks) - eccLength;
        int DataLength(int block) => shortData + (block >= blocks - longBlocks ? 1 : 0);

        Span<byte> ecc = stackalloc byte[blocks * eccLength];
        var start = 0;
        for (var b = 0; b < blocks; b++)
        {
            var length = DataLength(b);
            ReedSolomon.Encode(data.Slice(start, length), ecc.Slice(b * eccLength, eccLength));
            start += length;
        }

        var k = 0;
        for (var i = 0; i <= shortData; i++)
        {
            start = 0;
            for (var b = 0; b < blocks; b++)
            {
                var length = DataLength(b);
                if (i < length)
                {
                    codewords[k++] = data[start + i];
                }

                start += length;
            }
        }

        for (var i = 0; i < eccLength; i++)
        {
            for (var b = 0; b < blocks; b++)
            {
                codewords[k++] = ecc[(b * eccLength) + i];
            }
        }
    }

    /// <summary>Writes bits most significant first into a zeroed buffer.</summary>
    private ref struct BitWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Bits { get; private set; }

        public void Write(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (((value >> i) & 1) != 0)
                {
                    _buffer[Bits >> 3] |= (byte)(0x80 >> (Bits & 7));
                }

                Bits++;
            }
        }
    }
}
