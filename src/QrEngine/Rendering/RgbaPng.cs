using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.Intrinsics;
using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Writes rasterised pixels as a PNG with the engine's own deflate (<see cref="Zlib"/>): RGB when every pixel is
/// opaque (a quarter less to deflate), RGBA otherwise. A styled code is flat colour in rows that repeat for a module's
/// height: each scanline takes the Up or Sub filter, whichever leaves it more zeros, which cost almost nothing. SkiaSharp's
/// encoder tried all five filters per row at zlib level 6 and took about 19 ms of CPU for a 512 px styled code — ten
/// times the budget for a styled render.
/// </summary>
internal static class RgbaPng
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Write(SKPixmap pixmap)
    {
        var (width, height, rowBytes) = (pixmap.Width, pixmap.Height, pixmap.RowBytes);
        var source = pixmap.GetPixelSpan();
        var premultiplied = pixmap.AlphaType == SKAlphaType.Premul;
        var opaque = pixmap.AlphaType == SKAlphaType.Opaque || IsOpaque(source, rowBytes, width, height);
        var channels = opaque ? 3 : 4;
        var stride = (width * channels) + 1;
        var scanlines = ArrayPool<byte>.Shared.Rent(stride * height);
        var previous = ArrayPool<byte>.Shared.Rent(width * channels);
        try
        {
            var image = scanlines.AsSpan(0, stride * height);
            var above = previous.AsSpan(0, width * channels);
            above.Clear();
            for (var y = 0; y < height; y++)
            {
                var row = source.Slice(y * rowBytes, width * 4);
                var line = image.Slice(y * stride, stride);
                var current = line[1..];
                if (opaque)
                {
                    PackRgb(row, current);
                }
                else
                {
                    row.CopyTo(current);
                    if (premultiplied && !IsOpaque(row))
                    {
                        Unpremultiply(current);
                    }
                }

                Filter(line, above, channels);
            }

            using var output = new OutputBuffer(1024 + (image.Length / 16));
            output.Write(Signature);
            Span<byte> header = stackalloc byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
            header[8] = 8; // bits per channel
            header[9] = (byte)(opaque ? 2 : 6); // RGB or RGBA
            header[10] = header[11] = header[12] = 0;
            WriteChunk(output, "IHDR"u8, header);

            var chunkStart = output.Count;
            output.Write([0, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']);
            Zlib.Compress(image, output);
            var length = output.Count - chunkStart - 8;
            BinaryPrimitives.WriteInt32BigEndian(output.Written.Slice(chunkStart, 4), length);
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(output.Written.Slice(chunkStart + 4, 4 + length)));
            output.Write(crc);
            WriteChunk(output, "IEND"u8, []);
            return output.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(previous);
            ArrayPool<byte>.Shared.Return(scanlines);
        }
    }

    // Each row takes Up or Sub, whichever leaves fewer non-zero bytes for deflate to spell out as literals (zeros
    // become long matches). A row that repeats the one above (most rows: a module is many pixels tall) is all zeros
    // under Up; the first row of a module row is mostly zeros under Sub (a module is one colour), where Up would leave
    // every pixel whose colour changed, which a gradient makes nearly all of them. The unfiltered row becomes the next
    // row's "above".
    private static void Filter(Span<byte> line, Span<byte> above, int channels)
    {
        var current = line[1..];
        if (Changes(current, above) <= Changes(current[channels..], current))
        {
            line[0] = 2; // Up: each byte minus the one above
            var i = 0;
            for (; i <= current.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                var value = new Vector<byte>(current[i..]);
                (value - new Vector<byte>(above[i..])).CopyTo(current[i..]);
                value.CopyTo(above[i..]);
            }

            for (; i < current.Length; i++)
            {
                var value = current[i];
                current[i] = (byte)(value - above[i]);
                above[i] = value;
            }

            return;
        }

        line[0] = 1; // Sub: each byte minus the one a pixel to its left, back to front so each reads unfiltered bytes
        current.CopyTo(above);
        var j = current.Length - Vector<byte>.Count;
        for (; j >= channels; j -= Vector<byte>.Count)
        {
            (new Vector<byte>(current[j..]) - new Vector<byte>(current[(j - channels)..])).CopyTo(current[j..]);
        }

        for (j += Vector<byte>.Count - 1; j >= channels; j--)
        {
            current[j] -= current[j - channels];
        }
    }

    // How many bytes of a differ from b at the same index (a may be shorter). Equal bytes compare to all ones, so
    // subtracting the comparisons counts them per lane; a lane is summed before it could pass 255.
    private static int Changes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var equal = 0;
        var i = 0;
        while (i <= a.Length - Vector<byte>.Count)
        {
            var counts = Vector<byte>.Zero;
            var end = Math.Min(a.Length - Vector<byte>.Count, i + (254 * Vector<byte>.Count)); // at most 255 rounds
            for (; i <= end; i += Vector<byte>.Count)
            {
                counts -= Vector.Equals(new Vector<byte>(a[i..]), new Vector<byte>(b[i..]));
            }

            equal += Vector.Sum(Vector.WidenLower(counts) + Vector.WidenUpper(counts));
        }

        var changes = i - equal;
        for (; i < a.Length; i++)
        {
            changes += a[i] != b[i] ? 1 : 0;
        }

        return changes;
    }

    // Most rows of a code on an opaque background are opaque: one vectorised search skips them. Read as little-endian
    // words (x64, arm64), a pixel's alpha is the top byte, so an opaque pixel is a word of at least 0xFF000000.
    private static bool IsOpaque(ReadOnlySpan<byte> rgba) =>
        BitConverter.IsLittleEndian && System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(rgba).IndexOfAnyInRange(0u, 0xFEFF_FFFFu) < 0;

    private static bool IsOpaque(ReadOnlySpan<byte> rgba, int rowBytes, int width, int height)
    {
        for (var y = 0; y < height; y++)
        {
            if (!IsOpaque(rgba.Slice(y * rowBytes, width * 4)))
            {
                return false;
            }
        }

        return true;
    }

    // RGBA to RGB, four pixels per shuffle; each store writes 16 bytes of which the next overwrites the last four.
    private static void PackRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        int i = 0, o = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var drop = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
            for (; i + 16 <= rgba.Length && o + 16 <= rgb.Length; i += 16, o += 12)
            {
                Vector128.Shuffle(Vector128.Create(rgba.Slice(i, 16)), drop).CopyTo(rgb[o..]);
            }
        }

        for (; i < rgba.Length; i += 4, o += 3)
        {
            rgb[o] = rgba[i];
            rgb[o + 1] = rgba[i + 1];
            rgb[o + 2] = rgba[i + 2];
        }
    }

    private static void Unpremultiply(Span<byte> rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var alpha = rgba[i + 3];
            if (alpha is 0 or 255)
            {
                continue;
            }

            rgba[i] = (byte)Math.Min(255, ((rgba[i] * 255) + (alpha / 2)) / alpha);
            rgba[i + 1] = (byte)Math.Min(255, ((rgba[i + 1] * 255) + (alpha / 2)) / alpha);
            rgba[i + 2] = (byte)Math.Min(255, ((rgba[i + 2] * 255) + (alpha / 2)) / alpha);
        }
    }

    private static void WriteChunk(OutputBuffer output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var start = output.Count;
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(output.Written[start..]));
        output.Write(number);
    }
}
