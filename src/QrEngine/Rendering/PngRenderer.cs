using System.Buffers;
using System.IO.Hashing;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// PNG output. Plain-square styles without a logo are written directly as a 1-bit, two-colour palette
/// PNG (with <c>tRNS</c> when a colour has alpha): small and fast. Other styles are rasterised with
/// SkiaSharp and encoded as RGBA PNG.
/// </summary>
internal static class PngRenderer
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Render(QrLayout layout, QrLogo? logo)
    {
        if (logo is null && layout.Style.IsPlainSquares && layout.Frame is null)
        {
            return RenderPalette(layout);
        }

        return RasterRenderer.RenderEncoded(layout, logo, opaque: false, SkiaSharp.SKEncodedImageFormat.Png);
    }

    internal static byte[] RenderPalette(QrLayout layout)
    {
        var style = layout.Style;
        var size = style.Size;
        var scale = layout.PixelsPerModule(size);
        var symbolOrigin = ((size - (scale * layout.TotalModules)) / 2) + (layout.QuietZone * scale);
        var modules = layout.Matrix.Size;
        var rowBytes = (size + 7) / 8;

        using var output = new OutputBuffer(1024 + (size * (rowBytes + 1) * 9 / 8));
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        WriteBigEndian(header, size);
        WriteBigEndian(header[4..], size);
        header[8] = 1; // bit depth
        header[9] = 3; // colour type: palette
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);

        QrColour background = style.Background, foreground = style.Foreground;
        ReadOnlySpan<byte> palette = [background.R, background.G, background.B, foreground.R, foreground.G, foreground.B];
        WriteChunk(output, "PLTE"u8, palette);
        if (!background.IsOpaque || !foreground.IsOpaque)
        {
            ReadOnlySpan<byte> alpha = [background.A, foreground.A];
            WriteChunk(output, "tRNS"u8, alpha);
        }

        var idatStart = output.Count;
        output.Write([0, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']);

        // All scanlines first, then one deflate pass (Zlib explains why not ZLibStream). A row that repeats
        // the one above is written with the "Up" filter: all zeros, which deflate swallows almost for free.
        var stride = rowBytes + 1;
        var scanlines = ArrayPool<byte>.Shared.Rent(size * stride);
        try
        {
            var image = scanlines.AsSpan(0, size * stride);
            image.Clear();
            var previousModuleRow = int.MinValue;
            for (var py = 0; py < size; py++)
            {
                var line = image.Slice(py * stride, stride);
                var my = py >= symbolOrigin ? (py - symbolOrigin) / scale : -1;
                if (my >= modules)
                {
                    my = -1;
                }

                if (py > 0 && my == previousModuleRow)
                {
                    line[0] = 2;
                    continue;
                }

                previousModuleRow = my;
                if (my >= 0)
                {
                    FillRow(line[1..], layout, my, symbolOrigin, scale);
                }
            }

            Zlib.Compress(image, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scanlines);
        }

        var dataLength = output.Count - idatStart - 8;
        PatchLengthAndCrc(output, idatStart, dataLength);
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void FillRow(Span<byte> bits, QrLayout layout, int my, int symbolOrigin, int scale)
    {
        var modules = layout.Matrix.Size;
        var row = layout.Matrix.Row(my);
        for (var mx = 0; mx < modules; mx++)
        {
            if (!row[mx])
            {
                continue;
            }

            var start = symbolOrigin + (mx * scale);
            for (var px = start; px < start + scale; px++)
            {
                bits[px >> 3] |= (byte)(0x80 >> (px & 7));
            }
        }
    }

    private static void WriteChunk(OutputBuffer output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        WriteBigEndian(length, data.Length);
        output.Write(length);
        var start = output.Count;
        output.Write(type);
        output.Write(data);
        var crc = Crc32.HashToUInt32(output.Written[start..]);
        Span<byte> crcBytes = stackalloc byte[4];
        WriteBigEndian(crcBytes, (int)crc);
        output.Write(crcBytes);
    }

    private static void PatchLengthAndCrc(OutputBuffer output, int chunkStart, int dataLength)
    {
        var crc = Crc32.HashToUInt32(output.Written.Slice(chunkStart + 4, 4 + dataLength));
        Span<byte> crcBytes = stackalloc byte[4];
        WriteBigEndian(crcBytes, (int)crc);
        output.Write(crcBytes);
        var lengthBytes = output.Written.Slice(chunkStart, 4);
        WriteBigEndian(lengthBytes, dataLength);
    }

    private static void WriteBigEndian(Span<byte> target, int value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(target, value);
}
