using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine;

/// <summary>
/// The most memory one render holds at its peak (managed and native together), from the style and format alone,
/// so that a caller can admit renders by cost before running them. Measured on linux-x64 with SkiaSharp 3
/// (resident-set growth of a fresh process per render; docs/reliability.md) and rounded up.
/// </summary>
public static class QrRenderMemory
{
    /// <summary>Bytes per pixel of a lossless WebP render: the RGBA surface (4) and libwebp's copies, hash chains and references (measured 18.5).</summary>
    public const int WebpBytesPerPixel = 20;

    /// <summary>Bytes per pixel of a JPEG render: the surface and the encoder's colour-converted planes (measured 9.6).</summary>
    public const int JpegBytesPerPixel = 11;

    /// <summary>Bytes per pixel of a rasterised PNG (styled modules or a logo): the surface, encoded row by row (measured 3.9).</summary>
    public const int RasterPngBytesPerPixel = 5;

    /// <summary>
    /// A vector render (SVG, PDF, EPS) or a plain-square PNG, whatever its size: the outline of at most 177 × 177
    /// modules and the output text, or two scanlines (measured 15 MiB for SVG with dots at version 38).
    /// </summary>
    public const long FixedBytes = 20L * 1024 * 1024;

    /// <summary>The bound of a render of <paramref name="style"/> as <paramref name="format"/>, in bytes.</summary>
    public static long Bound(QrStyle style, QrFormat format)
    {
        ArgumentNullException.ThrowIfNull(style);
        long pixels = (long)Math.Clamp(style.Size, QrStyle.MinSize, QrStyle.MaxSize) * Math.Clamp(style.Size, QrStyle.MinSize, QrStyle.MaxSize);
        if (style.Frame is not null && style.Size is >= QrStyle.MinSize and <= QrStyle.MaxSize)
        {
            // A frame grows the canvas around the code (at most by about a third).
            var (width, height) = Rendering.FrameLayout.Canvas(style);
            pixels = (long)width * height;
        }

        var logo = style.Logo is { } bytes ? LogoBound(bytes) : 0;
        var render = format switch
        {
            QrFormat.Webp => pixels * WebpBytesPerPixel,
            QrFormat.Jpeg => pixels * JpegBytesPerPixel,
            QrFormat.Png when logo > 0 || !style.IsPlainSquares || style.Frame is not null => pixels * RasterPngBytesPerPixel,
            _ => 0,
        };
        return FixedBytes + render + logo;
    }

    /// <summary>
    /// A logo: its file (kept, copied once for decoding), its decoded RGBA pixels, and as much again for the scaled
    /// copy vector formats embed. The size comes from the file's header, without decoding the pixels.
    /// </summary>
    private static long LogoBound(ReadOnlyMemory<byte> bytes)
    {
        long width = QrLogo.MaxPixels, height = QrLogo.MaxPixels;
        if (bytes.Length is > 0 and <= QrLogo.MaxBytes)
        {
            using var data = SKData.CreateCopy(bytes.Span);
            using var codec = SKCodec.Create(data);
            if (codec is not null)
            {
                width = Math.Clamp(codec.Info.Width, 1, QrLogo.MaxPixels);
                height = Math.Clamp(codec.Info.Height, 1, QrLogo.MaxPixels);
            }
        }

        return (3L * Math.Min(bytes.Length, QrLogo.MaxBytes)) + (2 * width * height * 4);
    }
}
