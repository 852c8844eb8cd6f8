using System.Buffers;
using System.Runtime.InteropServices;
using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Rasterises a code with SkiaSharp (styled modules, eyes, logos) and encodes PNG, JPEG or WebP.
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

        var pixels = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var address = handle.AddrOfPinnedObject();
            using (var surface = SKSurface.Create(info, address, info.RowBytes))
            {
                Draw(surface.Canvas, pixels.AsSpan(0, info.BytesSize), info.RowBytes, layout, logo, opaque);
            }

            using var pixmap = new SKPixmap(info, address, info.RowBytes);
            return Encode(pixmap, format);
        }
        finally
        {
            handle.Free();
            ArrayPool<byte>.Shared.Return(pixels);
        }
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

    // The canvas draws into pixels; the modules are painted into them directly (ModuleRaster), the rest through the canvas.
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
            DrawFrame(canvas, layout, frame);
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
            Fill(canvas, layout, pad, new QrPaint(padColour, null), antialias: true);
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
    private static void DrawFrame(SKCanvas canvas, QrLayout layout, FrameLayout frame)
    {
        using (var border = new SkiaPathSink())
        {
            frame.EmitFrame(border, 0, 0, 1);
            Fill(canvas, layout, border, new QrPaint(frame.FrameColour, null), antialias: true);
        }

        using var text = new SkiaPathSink(SKPathFillType.Winding);
        frame.EmitText(text, 0, 0, 1);
        Fill(canvas, layout, text, new QrPaint(frame.TextColour, null), antialias: true);
    }

    private static void Fill(SKCanvas canvas, QrLayout layout, SkiaPathSink outline, QrPaint fill, bool antialias)
    {
        using var path = outline.Build();
        using var paint = new SKPaint { Color = ToSk(fill.Colour), IsAntialias = antialias, Style = SKPaintStyle.Fill };
        if (fill.Gradient is { } gradient)
        {
            SKColor[] colours = [ToSk(gradient.Start), ToSk(gradient.End)];
            if (gradient.Kind == GradientKind.Radial)
            {
                var (centre, radius) = layout.GradientCircle();
                paint.Shader = SKShader.CreateRadialGradient(new SKPoint((float)centre, (float)centre), (float)radius, colours, SKShaderTileMode.Clamp);
            }
            else
            {
                var (x0, y0, x1, y1) = layout.GradientLine(gradient.Angle);
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint((float)x0, (float)y0), new SKPoint((float)x1, (float)y1), colours, SKShaderTileMode.Clamp);
            }
        }

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
