using SkiaSharp;

namespace QrAspire.QrEngine.Styling;

/// <summary>
/// A validated, decoded logo. Only PNG, JPEG and WebP are accepted, and the bytes are really decoded,
/// so a file that merely claims to be an image is refused.
/// </summary>
public sealed class QrLogo : IDisposable
{
    /// <summary>The largest logo file accepted: 1 MiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The largest logo width or height accepted, in pixels.</summary>
    public const int MaxPixels = 2048;

    /// <summary>
    /// The share of the symbol's width (without quiet zone) the logo's pad may cover. With error correction H
    /// (30% recovery) a 20%-wide square covers 4% of the modules, leaving ample margin for print damage.
    /// </summary>
    public const double MaxWidthShare = 0.2;

    private QrLogo(SKImage image, ReadOnlyMemory<byte> encoded, string mediaType)
    {
        Image = image;
        Encoded = encoded;
        MediaType = mediaType;
    }

    /// <summary>The decoded image.</summary>
    internal SKImage Image { get; }

    /// <summary>The original file bytes (embedded as-is in SVG).</summary>
    internal ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The media type of the original file, e.g. <c>image/png</c>.</summary>
    public string MediaType { get; }

    /// <summary>Width of the decoded image in pixels.</summary>
    public int Width => Image.Width;

    /// <summary>Height of the decoded image in pixels.</summary>
    public int Height => Image.Height;

    /// <summary>Decodes and checks a logo.</summary>
    /// <exception cref="QrEngineException"><c>qr.logo_invalid</c> or <c>qr.logo_too_large</c>.</exception>
    public static QrLogo Load(ReadOnlyMemory<byte> bytes)
    {
        const string Field = "style.logo";
        if (bytes.Length == 0)
        {
            throw new QrEngineException(QrErrorCodes.LogoInvalid, Field, "The logo is empty.");
        }

        if (bytes.Length > MaxBytes)
        {
            throw new QrEngineException(QrErrorCodes.LogoTooLarge, Field, $"The logo is {bytes.Length} bytes; the limit is {MaxBytes} bytes (1 MiB).");
        }

        using var data = SKData.CreateCopy(bytes.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            throw new QrEngineException(QrErrorCodes.LogoInvalid, Field, "The logo is not a decodable image; use PNG, JPEG or WebP.");
        }

        var mediaType = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "image/png",
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Webp => "image/webp",
            var other => throw new QrEngineException(QrErrorCodes.LogoInvalid, Field, $"The logo is {other}; use PNG, JPEG or WebP."),
        };

        var info = codec.Info;
        if (info.Width > MaxPixels || info.Height > MaxPixels)
        {
            throw new QrEngineException(QrErrorCodes.LogoTooLarge, Field, $"The logo is {info.Width}×{info.Height} px; the limit is {MaxPixels}×{MaxPixels}.");
        }

        if (info.Width < 1 || info.Height < 1)
        {
            throw new QrEngineException(QrErrorCodes.LogoInvalid, Field, "The logo has no pixels.");
        }

        var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new QrEngineException(QrErrorCodes.LogoInvalid, Field, $"The logo could not be decoded ({result}).");
        }

        bitmap.SetImmutable();
        var image = SKImage.FromBitmap(bitmap);
        bitmap.Dispose();
        return new QrLogo(image, bytes.ToArray(), mediaType);
    }

    /// <summary>
    /// The logo as unpremultiplied RGBA rows, scaled down (never up) so neither side exceeds
    /// <paramref name="maxSide"/>: vector formats embed pixels, and a print logo needs no more.
    /// </summary>
    internal (int Width, int Height, byte[] Rgba) ReadPixels(int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(Image.Width, Image.Height));
        var width = Math.Max(1, (int)Math.Round(Image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(Image.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[width * height * 4];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var target = new SKPixmap(info, handle.AddrOfPinnedObject());
            if (!Image.ScalePixels(target, new SKSamplingOptions(SKCubicResampler.Mitchell)))
            {
                throw new QrEngineException(QrErrorCodes.RenderFailed, "style.logo", "The logo could not be scaled.");
            }
        }
        finally
        {
            handle.Free();
        }

        return (width, height, pixels);
    }

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
