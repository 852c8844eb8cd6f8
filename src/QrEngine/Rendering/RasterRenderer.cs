using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Rasterises a code (modules and eyes through <see cref="ModuleRaster"/>; frame, frame text, logo pad and logo with
/// SkiaSharp) and encodes PNG, JPEG or WebP.
/// JPEG has no alpha, so a transparent background is flattened onto white. WebP is lossless: QR
/// codes are flat colour, and lossy artefacts only hurt scanning.
/// </summary>
internal static class RasterRenderer
{
    private const int JpegQuality = 92;

    // Up to 1024 px (4 MiB of pixels) a render draws into pooled managed memory: a fresh native bitmap per render
    // made the WebP encoder's own allocations fault in new pages each time (~25% of a 512 px WebP render).
    private const int MaxPooledBytes = 4 << 20;

    public static byte[] RenderJpeg(QrLayout layout, QrLogo? logo) => RenderEncoded(layout, logo, opaque: true, SKEncodedImageFormat.Jpeg);

    public static byte[] RenderWebp(QrLayout layout, QrLogo? logo) => RenderEncoded(layout, logo, opaque: false, SKEncodedImageFormat.Webp);

    /// <summary>Rasterises and encodes in one step, on pooled pixels where the image is small enough.</summary>
    public static byte[] RenderEncoded(QrLayout layout, QrLogo? logo, bool opaque, SKEncodedImageFormat format)
    {
        var info = Info(layout, opaque);
        if (info.BytesSize > MaxPooledBytes)
        {
            using var bitmap = Rasterise(layout, logo, opaque);
            return Encode(bitmap, format);
        }

        using var pixels = new PinnedBuffer(info.BytesSize);
        using (var surface = SKSurface.Create(info, pixels.Address, info.RowBytes))
        {
            Draw(surface.Canvas, pixels.Span, info.RowBytes, layout, logo, opaque);
        }

        using var pixmap = new SKPixmap(info, pixels.Address, info.RowBytes);
        return Encode(pixmap, format);
    }

    public static SKBitmap Rasterise(QrLayout layout, QrLogo? logo, bool opaque)
    {
        var bitmap = new SKBitmap(Info(layout, opaque));
        using var canvas = new SKCanvas(bitmap);
        Draw(canvas, bitmap.GetPixelSpan(), bitmap.RowBytes, layout, logo, opaque);
        return bitmap;
    }

    private static SKImageInfo Info(QrLayout layout, bool opaque) =>
        new(layout.CanvasWidth, layout.CanvasHeight, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);

    // The canvas draws into pixels; modules and eyes are painted into them directly (ModuleRaster), the rest through the canvas.
    private static void Draw(SKCanvas canvas, Span<byte> pixels, int rowBytes, QrLayout layout, QrLogo? logo, bool opaque)
    {
        var style = layout.Style;
        var size = style.Size;
        var scale = layout.PixelsPerModule(size);
        var origin = (size - (scale * layout.TotalModules)) / 2;

        var background = opaque ? style.Background.Over(QrColour.White) : style.Background;
        canvas.Clear(ToSk(background));
        var (codeX, codeY) = (0, 0);
        if (layout.Frame is { } frame)
        {
            DrawFrame(canvas, frame, background);
            (codeX, codeY) = (frame.CodeX, frame.CodeY);
        }

        var antialias = !style.IsPlainSquares;
        ModuleRaster.Paint(pixels, rowBytes, layout, codeX + origin, codeY + origin, scale, QrPaint.Modules(style), antialias);
        canvas.Translate(codeX + origin, codeY + origin);
        canvas.Scale(scale);

        if (QrOutline.HasSeparateEyes(layout))
        {
            if (QrOutline.HasEyeColours(layout))
            {
                ModuleRaster.PaintEyes(pixels, rowBytes, layout, codeX + origin, codeY + origin, scale, QrPaint.Frames(style), EyeParts.Frame, antialias);
                ModuleRaster.PaintEyes(pixels, rowBytes, layout, codeX + origin, codeY + origin, scale, QrPaint.Balls(style), EyeParts.Ball, antialias);
            }
            else
            {
                ModuleRaster.PaintEyes(pixels, rowBytes, layout, codeX + origin, codeY + origin, scale, QrPaint.Modules(style), EyeParts.Both, antialias);
            }
        }

        if (logo is not null && style.LogoBackground is { } padColour)
        {
            using var pad = new SkiaPathSink();
            QrOutline.EmitLogoPad(layout, pad);
            using var padPaint = new SKPaint { Color = ToSk(padColour), IsAntialias = true };
            Fill(canvas, pad, padPaint);
        }

        if (logo is not null)
        {
            var (x, y, width, height) = layout.LogoRect(logo.Image.Width, logo.Image.Height);
            using var logoPaint = new SKPaint { IsAntialias = true };
            canvas.DrawImage(
                logo.Image,
                SKRect.Create((float)x, (float)y, (float)width, (float)height),
                new SKSamplingOptions(SKCubicResampler.Mitchell),
                logoPaint);
        }

        canvas.Flush();
    }

    /// <summary>The frame and its text, in canvas pixels, before the code is drawn into its box.</summary>
    private static void DrawFrame(SKCanvas canvas, FrameLayout frame, QrColour background)
    {
        using var paint = new SKPaint { Color = ToSk(frame.FrameColour), IsAntialias = true };
        if (frame.Hole is { } hole)
        {
            // A rounded rectangle, then its hole (whole pixels) set back to the background: SkiaSharp's rounded-rectangle
            // blitter takes a third less time than the even-odd path the vector formats get.
            canvas.DrawRoundRect(SKRect.Create(frame.Width, frame.Height), frame.Radius, frame.Radius, paint);
            using var clear = new SKPaint { Color = ToSk(background), BlendMode = SKBlendMode.Src };
            canvas.DrawRect(SKRect.Create(hole.X, hole.Y, hole.Width, hole.Height), clear);
        }
        else
        {
            using var bubble = new SkiaPathSink();
            frame.EmitFrame(bubble, 0, 0, 1);
            Fill(canvas, bubble, paint);
        }

        if (frame.TextPlacement() is { } text)
        {
            paint.Color = ToSk(frame.TextColour);
            GlyphOutlines.Draw(canvas, text.Text, text.Size, text.X, text.Baseline, paint);
        }
    }

    private static void Fill(SKCanvas canvas, SkiaPathSink outline, SKPaint paint)
    {
        using var path = outline.Build();
        canvas.DrawPath(path, paint);
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var pixmap = bitmap.PeekPixels();
        return Encode(pixmap, format);
    }

    private static byte[] Encode(SKPixmap pixmap, SKEncodedImageFormat format)
    {
        if (format == SKEncodedImageFormat.Png && pixmap.ColorType == SKColorType.Rgba8888)
        {
            return RgbaPng.Write(pixmap);
        }

        using var data = format switch
        {
            SKEncodedImageFormat.Png => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)),
            SKEncodedImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore)),
            SKEncodedImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75)),
            _ => null,
        };

        return data?.ToArray()
            ?? throw new QrEngineException(QrErrorCodes.RenderFailed, "format", $"SkiaSharp could not encode the image as {format}.");
    }

    internal static SKColor ToSk(QrColour colour) => new(colour.R, colour.G, colour.B, colour.A);
}
