using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// A zlib stream (RFC 1950) of one deflate block with the fixed Huffman codes (RFC 1951) and greedy LZ77 matching,
/// for the small, repetitive data of PNG scanlines and PDF path operators. Why not <c>ZLibStream</c>: setting up
/// zlib's state (~300 KB of window and hash tables) cost more than compressing a 512 px code, and it locks on
/// every write; this needs one 32 KB hash table from the pool and one pass. Any inflater reads the result.
/// </summary>
internal static class Zlib
{
    private const int MinMatch = 3;
    private const int MaxMatch = 258;
    private const int Window = 32768;
    private const int MaxHashBits = 13;

    // Fixed literal/length codes, bit-reversed for LSB-first output, with their lengths (RFC 1951, 3.2.6).
    private static readonly (ushort Code, byte Length)[] LiteralCodes = CreateLiteralCodes();
    private static readonly byte[] DistanceCodes = CreateDistanceCodes();

    /// <summary>Appends the zlib stream of <paramref name="input"/> to <paramref name="output"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> input, OutputBuffer output)
    {
        // Worst case: every byte a 9-bit literal, plus header, end of block and checksum.
        var target = output.GetSpan(input.Length + (input.Length / 8) + 16);
        var writer = new BitWriter(target);
        target[0] = 0x78; // deflate, 32 KB window
        target[1] = 0x01; // fastest level; (0x78 << 8 | 0x01) % 31 == 0
        writer.Position = 2;
        writer.Write(0b011, 3); // final block, fixed Huffman codes

        // A table about the input's size: clearing 32 KB for a 3 KB PDF content stream cost more than matching it.
        var hashBits = Math.Clamp(BitOperations.Log2((uint)Math.Max(input.Length, 1)), 8, MaxHashBits);
        var head = ArrayPool<int>.Shared.Rent(1 << hashBits);
        try
        {
            Array.Clear(head, 0, 1 << hashBits);
            var i = 0;
            while (i < input.Length)
            {
                var length = 0;
                var distance = 0;
                if (i + MinMatch <= input.Length)
                {
                    var hash = Hash(input, i, hashBits);
                    var candidate = head[hash] - 1;
                    head[hash] = i + 1;
                    // Most candidates in text are hash collisions: compare three bytes before the vectorised search.
                    if (candidate >= 0 && i - candidate <= Window
                        && input[candidate] == input[i] && input[candidate + 1] == input[i + 1] && input[candidate + 2] == input[i + 2])
                    {
                        length = input[candidate..].CommonPrefixLength(input[i..Math.Min(input.Length, i + MaxMatch)]);
                        distance = i - candidate;
                    }
                }

                if (length < MinMatch)
                {
                    WriteSymbol(ref writer, input[i]);
                    i++;
                    continue;
                }

                WriteMatch(ref writer, length, distance);

                // Inside a long match (blank PNG rows, repeated operators) only its last position is remembered:
                // hashing every byte of it cost more than the compression gained.
                var end = i + length;
                for (i = length <= 16 ? i + 1 : end - 1; i < end; i++)
                {
                    if (i + MinMatch <= input.Length)
                    {
                        head[Hash(input, i, hashBits)] = i + 1;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(head);
        }

        WriteSymbol(ref writer, 256);
        writer.FlushToByte();
        BinaryPrimitives.WriteUInt32BigEndian(target[writer.Position..], Adler32.HashToUInt32(input));
        output.Advance(writer.Position + 4);
    }

    private static int Hash(ReadOnlySpan<byte> input, int at, int bits) =>
        (int)((((uint)input[at] << 16) | ((uint)input[at + 1] << 8) | input[at + 2]) * 2654435761u >> (32 - bits));

    private static void WriteSymbol(ref BitWriter writer, int symbol)
    {
        var (code, length) = LiteralCodes[symbol];
        writer.Write(code, length);
    }

    private static void WriteMatch(ref BitWriter writer, int length, int distance)
    {
        if (length == MaxMatch)
        {
            WriteSymbol(ref writer, 285);
        }
        else
        {
            var v = length - MinMatch;
            if (v < 8)
            {
                WriteSymbol(ref writer, 257 + v);
            }
            else
            {
                var log = BitOperations.Log2((uint)v);
                var extra = log - 2;
                WriteSymbol(ref writer, 257 + (4 * (log - 1)) + ((v >> extra) & 3));
                writer.Write((uint)(v & ((1 << extra) - 1)), extra);
            }
        }

        var d = distance - 1;
        if (d < 4)
        {
            writer.Write(DistanceCodes[d], 5);
            return;
        }

        var dlog = BitOperations.Log2((uint)d);
        var dextra = dlog - 1;
        writer.Write(DistanceCodes[(2 * dlog) + ((d >> dextra) & 1)], 5);
        writer.Write((uint)(d & ((1 << dextra) - 1)), dextra);
    }

    private static (ushort, byte)[] CreateLiteralCodes()
    {
        var codes = new (ushort, byte)[288];
        for (var symbol = 0; symbol < 288; symbol++)
        {
            var (code, length) = symbol switch
            {
                < 144 => (0x30 + symbol, 8),
                < 256 => (0x190 + symbol - 144, 9),
                < 280 => (symbol - 256, 7),
                _ => (0xC0 + symbol - 280, 8),
            };
            codes[symbol] = ((ushort)Reverse(code, length), (byte)length);
        }

        return codes;
    }

    private static byte[] CreateDistanceCodes()
    {
        var codes = new byte[30];
        for (var code = 0; code < 30; code++)
        {
            codes[code] = (byte)Reverse(code, 5);
        }

        return codes;
    }

    private static int Reverse(int code, int length)
    {
        var reversed = 0;
        for (var bit = 0; bit < length; bit++)
        {
            reversed = (reversed << 1) | ((code >> bit) & 1);
        }

        return reversed;
    }

    /// <summary>Deflate's bit order: values least significant bit first, packed from each byte's low bit.</summary>
    private ref struct BitWriter(Span<byte> target)
    {
        private readonly Span<byte> _target = target;
        private ulong _bits;
        private int _count;

        public int Position { get; set; }

        // Bits gather in a 64-bit word and leave 32 at a time: a write adds at most 16, so the word never overflows.
        public void Write(uint value, int length)
        {
            _bits |= (ulong)value << _count;
            _count += length;
            if (_count >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_target[Position..], (uint)_bits);
                Position += 4;
                _bits >>= 32;
                _count -= 32;
            }
        }

        public void FlushToByte()
        {
            while (_count > 0)
            {
                _target[Position++] = (byte)_bits;
                _bits >>= 8;
                _count -= 8;
            }

            _bits = 0;
            _count = 0;
        }
    }
}
