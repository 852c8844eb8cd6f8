using System.Buffers;

namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// Splits ASCII text into the numeric, alphanumeric and byte segments that take the fewest bits. Digits cost
/// 10 bits per 3 in numeric mode, the 45 alphanumeric characters 11 bits per 2, anything else 8 bits, and
/// each segment costs a 4-bit mode and a character count whose width depends on the version. A run of digits
/// inside a URL or a phone number in a vCard is cheaper as its own segment once it is long enough to pay for
/// the headers; a short one is not.
/// </summary>
/// <remarks>
/// The split is exact, not a heuristic: a shortest-path over the characters with one state per mode, costs
/// counted in sixths of a bit so that the per-character costs (20, 33, 48 sixths) are whole numbers, and a
/// segment's cost rounded up to whole bits when the next one starts.
/// </remarks>
internal static class QrSegments
{
    private const int Modes = 3;
    private const int Unreachable = int.MaxValue / 2;
    private static readonly SearchValues<char> AlphanumericChars = SearchValues.Create(Alphanumeric);

    /// <summary>The 45 characters of alphanumeric mode, in the order of their values.</summary>
    public const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /// <summary>The three count-width bands: versions 1–9, 10–26 and 27–40.</summary>
    public static int Band(int version) => version <= 9 ? 0 : version <= 26 ? 1 : 2;

    /// <summary>The width of a segment's character count.</summary>
    public static int CountBits(QrMode mode, int band) => mode switch
    {
        QrMode.Numeric => 10 + (2 * band),
        QrMode.Alphanumeric => 9 + (2 * band),
        _ => band == 0 ? 8 : 16,
    };

    /// <summary>The bits of one segment of <paramref name="length"/> characters (bytes in byte mode), headers included.</summary>
    public static int Bits(QrMode mode, int length, int band) => 4 + CountBits(mode, band) + mode switch
    {
        QrMode.Numeric => (10 * (length / 3)) + (length % 3 == 0 ? 0 : (length % 3 * 3) + 1),
        QrMode.Alphanumeric => (11 * (length / 2)) + (6 * (length % 2)),
        _ => 8 * length,
    };

    /// <summary>
    /// The cheapest segments for ASCII <paramref name="text"/> in a version of <paramref name="band"/>, and their bits.
    /// </summary>
    public static int Plan(ReadOnlySpan<char> text, int band, List<QrSegment> segments)
    {
        segments.Clear();
        if (text.IsEmpty)
        {
            segments.Add(new QrSegment(QrMode.Byte, 0, 0));
            return Bits(QrMode.Byte, 0, band);
        }

        Span<int> header = [(4 + CountBits(QrMode.Numeric, band)) * 6, (4 + CountBits(QrMode.Alphanumeric, band)) * 6, (4 + CountBits(QrMode.Byte, band)) * 6];
        ReadOnlySpan<int> perCharacter = [20, 33, 48];
        Span<int> cost = [Unreachable, Unreachable, Unreachable];
        Span<int> next = stackalloc int[Modes];

        // from[i * 3 + m]: the mode of character i − 1 on the cheapest path that has character i in mode m.
        var from = ArrayPool<byte>.Shared.Rent(text.Length * Modes);
        try
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                for (var mode = 0; mode < Modes; mode++)
                {
                    next[mode] = Unreachable;
                    var encodable = mode switch
                    {
                        0 => char.IsAsciiDigit(c),
                        1 => AlphanumericChars.Contains(c),
                        _ => true,
                    };
                    if (!encodable)
                    {
                        continue;
                    }

                    // Continue this mode's segment, or close another mode's (rounded up to whole bits) and start one.
                    var best = cost[mode];
                    var previous = mode;
                    for (var other = 0; other < Modes; other++)
                    {
                        var switched = i == 0 ? 0 : other == mode || cost[other] >= Unreachable ? Unreachable : RoundUp(cost[other]);
                        if (switched < Unreachable && switched + header[mode] < best)
                        {
                            (best, previous) = (switched + header[mode], other);
                        }
                    }

                    next[mode] = best + perCharacter[mode];
                    from[(i * Modes) + mode] = (byte)previous;
                }

                next.CopyTo(cost);
            }

            var last = 0;
            for (var mode = 1; mode < Modes; mode++)
            {
                if (RoundUp(cost[mode]) < RoundUp(cost[last]))
                {
                    last = mode;
                }
            }

            var bits = RoundUp(cost[last]) / 6;

            // Walk back, closing a segment wherever the mode changes.
            var end = text.Length;
            for (var i = text.Length - 1; i >= 0; i--)
            {
                var previous = i == 0 ? -1 : from[(i * Modes) + last];
                if (previous != last)
                {
                    segments.Add(new QrSegment((QrMode)(1 << last), i, end - i));
                    end = i;
                }

                last = previous;
            }

            segments.Reverse();
            return bits;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(from);
        }
    }

    private static int RoundUp(int sixths) => (sixths + 5) / 6 * 6;
}

/// <summary>A QR data mode, with the value of its 4-bit mode indicator.</summary>
internal enum QrMode
{
    /// <summary>Digits, 3 per 10 bits.</summary>
    Numeric = 1,

    /// <summary>The 45 alphanumeric characters, 2 per 11 bits.</summary>
    Alphanumeric = 2,

    /// <summary>Bytes, 8 bits each.</summary>
    Byte = 4,
}

/// <summary>A run of characters encoded in one mode.</summary>
internal readonly record struct QrSegment(QrMode Mode, int Start, int Length);
