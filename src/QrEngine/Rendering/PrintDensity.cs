using System.Buffers.Binary;
using System.IO.Hashing;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Stamps the print resolution into raster files, so layout programs place them at their physical size: a PNG
/// <c>pHYs</c> chunk (pixels per metre) after <c>IHDR</c>, a JPEG JFIF header's density in dots per inch. WebP has no
/// density field outside EXIF/XMP metadata, so it stays as it is.
/// </summary>
internal static class PrintDensity
{
    // Signature (8) + IHDR's length, type, 13 data bytes and CRC (25).
    private const int PngAfterHeader = 33;

    public static byte[] Stamp(byte[] image, QrFormat format, int dpi) => format switch
    {
        QrFormat.Png => StampPng(image, dpi),
        QrFormat.Jpeg => StampJpeg(image, dpi),
        _ => image,
    };

    private static byte[] StampPng(byte[] png, int dpi)
    {
        var pixelsPerMetre = (int)Math.Round(dpi / 0.0254);
        var stamped = new byte[png.Length + 21];
        png.AsSpan(0, PngAfterHeader).CopyTo(stamped);
        var chunk = stamped.AsSpan(PngAfterHeader, 21);
        BinaryPrimitives.WriteInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk[4..]);
        BinaryPrimitives.WriteInt32BigEndian(chunk[8..], pixelsPerMetre);
        BinaryPrimitives.WriteInt32BigEndian(chunk[12..], pixelsPerMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk[17..], Crc32.HashToUInt32(chunk.Slice(4, 13)));
        png.AsSpan(PngAfterHeader).CopyTo(stamped.AsSpan(PngAfterHeader + 21));
        return stamped;
    }

    private static byte[] StampJpeg(byte[] jpeg, int dpi)
    {
        // SOI, then APP0 "JFIF\0": version (2 bytes), units (1 = dots per inch), X and Y density.
        if (jpeg.Length > 18 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 && jpeg.AsSpan(6, 5).SequenceEqual("JFIF\0"u8))
        {
            jpeg[13] = 1;
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(14), (ushort)dpi);
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(16), (ushort)dpi);
            return jpeg;
        }

        ReadOnlySpan<byte> header = [0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 1, 0, 0, 0, 0, 0, 0];
        var stamped = new byte[jpeg.Length + header.Length];
        jpeg.AsSpan(0, 2).CopyTo(stamped);
        header.CopyTo(stamped.AsSpan(2));
        BinaryPrimitives.WriteUInt16BigEndian(stamped.AsSpan(14), (ushort)dpi);
        BinaryPrimitives.WriteUInt16BigEndian(stamped.AsSpan(16), (ushort)dpi);
        jpeg.AsSpan(2).CopyTo(stamped.AsSpan(2 + header.Length));
        return stamped;
    }
}
