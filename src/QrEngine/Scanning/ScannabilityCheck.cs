using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Scanning;

/// <summary>One simulated reading condition and what each decoder made of it.</summary>
/// <param name="Name">A stable name: <c>distance</c>, <c>blur</c>, <c>noise</c>, <c>tilt</c>, <c>low_contrast</c>.</param>
/// <param name="Description">What was simulated, with its numbers.</param>
/// <param name="Zxing">True when ZXing read the right text.</param>
/// <param name="Zbar">True when zbar read the right text; null when zbar is not installed.</param>
public sealed record ScanConditionResult(string Name, string Description, bool Zxing, bool? Zbar)
{
    /// <summary>True when every available decoder read it.</summary>
    public bool Passed => Zxing && Zbar != false;
}

/// <summary>The outcome of a scannability check.</summary>
/// <param name="Score">0–100: the share of condition × decoder reads that returned the right text.</param>
/// <param name="Conditions">Every condition tried.</param>
/// <param name="ZbarAvailable">False when <c>zbarimg</c> is not installed: only ZXing was asked.</param>
/// <param name="PrintedSizeMm">The printed width checked (quiet zone included).</param>
/// <param name="ScanningDistanceMm">The scanning distance checked.</param>
/// <param name="MinimumSizeMm">The smallest printed width that scans from that distance (<see cref="CameraModel.MinimumSizeMm"/>).</param>
/// <param name="Version">The QR version the content needs at the style's error-correction level.</param>
/// <param name="Advice">Concrete changes that would make the code scan better; empty when nothing needs changing.</param>
public sealed record ScanReport(
    int Score,
    IReadOnlyList<ScanConditionResult> Conditions,
    bool ZbarAvailable,
    double PrintedSizeMm,
    double ScanningDistanceMm,
    double MinimumSizeMm,
    int Version,
    IReadOnlyList<string> Advice);

/// <summary>
/// Renders a code and reads it back under simulated phone-camera conditions with two independent decoders (ZXing
/// in-process, zbar through <c>zbarimg</c>). Every condition starts from what the camera sees of the print at the
/// scanning distance (<see cref="CameraModel"/>); each adds one degradation. Deterministic: the noise is seeded.
/// </summary>
public static class ScannabilityCheck
{
    /// <summary>The smallest and largest scanning distances accepted, in millimetres.</summary>
    public const double MinDistanceMm = 50, MaxDistanceMm = 10_000;

    /// <summary>
    /// Memory the check holds beside its render: five greyscale frames of at most 1,331² pixels (the code capped at
    /// 1,024 camera pixels) with a copy each for blurring and for zbar's file, rounded up.
    /// </summary>
    public const long WorkingBytes = 32L * 1024 * 1024;

    /// <summary>The smallest and largest printed widths accepted, in millimetres.</summary>
    public const double MinPrintedSizeMm = 5, MaxPrintedSizeMm = 5_000;

    /// <summary>Renders the request as PNG and runs the check. <paramref name="printedSizeMm"/> null = the style's own size at its DPI.</summary>
    /// <exception cref="QrEngineException">The request cannot be rendered, or a size or distance is out of range (naming the field).</exception>
    public static ScanReport Run(QrRenderRequest request, double? printedSizeMm, double scanningDistanceMm, TimeSpan decoderTimeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureRanges(request.Style ?? QrStyle.Default, printedSizeMm, scanningDistanceMm);
        return Run(request, QrRenderer.Render(request with { Format = QrFormat.Png }), printedSizeMm, scanningDistanceMm, decoderTimeout);
    }

    /// <summary>
    /// Runs the check on <paramref name="png"/>, the request already rendered as PNG — so a caller can admit the render
    /// through its own budget and read it back afterwards.
    /// </summary>
    /// <exception cref="QrEngineException">A size or distance is out of range (naming the field).</exception>
    public static ScanReport Run(QrRenderRequest request, RenderedImage png, double? printedSizeMm, double scanningDistanceMm, TimeSpan decoderTimeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(png);
        var style = request.Style ?? QrStyle.Default;
        var printed = EnsureRanges(style, printedSizeMm, scanningDistanceMm);
        var image = png;
        var expected = request.Content.ToQrText();
        using var rendered = SKBitmap.Decode(image.Content);
        var totalModules = (image.Version * 4) + 17 + (2 * style.QuietZone);
        var cameraPixels = Math.Clamp((int)Math.Round(printed * CameraModel.PixelsPerMm(scanningDistanceMm)), 16, 1024);
        var frame = Math.Max(cameraPixels + 64, (int)(cameraPixels * 1.3));
        // The printed size is the code's (quiet zone included); a frame around it is printed at the same scale, and the
        // camera aims at the code, so what of the frame falls outside the camera's view is cut off.
        var codeBox = style.Frame is { } designed ? new Rendering.FrameLayout(designed, style) : null;
        var box = (X: codeBox?.CodeX ?? 0, Y: codeBox?.CodeY ?? 0, Side: style.Size);

        (string Name, string Description, Func<byte[]> Pixels)[] conditions =
        [
            ("distance", $"{printed:0} mm print seen from {scanningDistanceMm / 10:0} cm: {cameraPixels} camera pixels across", () => Camera(rendered, box, cameraPixels, frame, 0, 0)),
            ("blur", "the same, slightly out of focus (Gaussian blur, σ = 1 camera pixel)", () => Blur(Camera(rendered, box, cameraPixels, frame, 0, 0), frame, 1f)),
            ("noise", "the same in dim light (sensor noise, σ = 16 grey levels)", () => Noise(Camera(rendered, box, cameraPixels, frame, 0, 0), 16)),
            ("tilt", "the same, held at 20° (perspective tilt)", () => Camera(rendered, box, cameraPixels, frame, 20, 0)),
            ("low_contrast", "the same under glare (contrast cut to 40%, lifted towards grey)", () => Camera(rendered, box, cameraPixels, frame, 0, 0.6)),
        ];

        var zbar = ZbarReader.IsAvailable;
        var results = new ScanConditionResult[conditions.Length];
        Parallel.For(0, conditions.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var pixels = conditions[i].Pixels();
            var zxing = ZxingReader.Read(pixels, frame, frame) == expected;
            bool? zbarRead = zbar ? ReadZbar(pixels, frame, decoderTimeout) == expected : null;
            results[i] = new ScanConditionResult(conditions[i].Name, conditions[i].Description, zxing, zbarRead);
        });

        var reads = results.Length * (zbar ? 2 : 1);
        var passed = results.Sum(r => (r.Zxing ? 1 : 0) + (r.Zbar == true ? 1 : 0));
        var minimum = CameraModel.MinimumSizeMm(scanningDistanceMm, totalModules);
        var advice = ScanAdvice.For(style, image, results, printed, minimum, scanningDistanceMm);
        return new ScanReport((int)Math.Round(100.0 * passed / reads), results, zbar, Math.Round(printed, 1), scanningDistanceMm, Math.Ceiling(minimum), image.Version, advice);
    }

    /// <summary>The printed size checked, or the error naming the size or distance out of range.</summary>
    public static double EnsureRanges(QrStyle style, double? printedSizeMm, double scanningDistanceMm)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (!double.IsFinite(scanningDistanceMm) || scanningDistanceMm is < MinDistanceMm or > MaxDistanceMm)
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "scanningDistanceMm", $"Scanning distance {scanningDistanceMm} mm is out of range; use {MinDistanceMm} to {MaxDistanceMm} mm.");
        }

        var printed = printedSizeMm ?? (style.Size * 25.4 / style.Dpi);
        if (!double.IsFinite(printed) || printed is < MinPrintedSizeMm or > MaxPrintedSizeMm)
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "printedSizeMm", $"Printed size {printed:0.#} mm is out of range; use {MinPrintedSizeMm} to {MaxPrintedSizeMm} mm.");
        }

        return printed;
    }

    private static string? ReadZbar(byte[] pixels, int frame, TimeSpan timeout)
    {
        try
        {
            return ZbarReader.Read(pixels, frame, frame, timeout);
        }
        catch (InvalidOperationException)
        {
            // A failing or hung zbarimg counts as a miss for that condition, not an error of the whole check.
            return null;
        }
    }

    /// <summary>The code as the camera frames it: scaled to <paramref name="codePixels"/>, optionally tilted and washed out, on a white frame.</summary>
    private static byte[] Camera(SKBitmap code, (int X, int Y, int Side) box, int codePixels, int frame, float tiltDegrees, double washOut)
    {
        var info = new SKImageInfo(frame, frame, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            var offset = (frame - codePixels) / 2f;
            if (tiltDegrees != 0)
            {
                // Rotate the print about its vertical axis and project it: the far edge shrinks.
                // x' = x·cos θ / w, w = 1 + x·sin θ / d, with the eye d = 1.5 code widths away (a phone at arm's length).
                var theta = tiltDegrees * MathF.PI / 180;
                var matrix = new SKMatrix(MathF.Cos(theta), 0, 0, 0, 1, 0, MathF.Sin(theta) / (1.5f * codePixels), 0, 1);
                canvas.Translate(frame / 2f, frame / 2f);
                canvas.Concat(matrix);
                canvas.Translate(-codePixels / 2f, -codePixels / 2f);
            }
            else
            {
                canvas.Translate(offset, offset);
            }

            using var image = SKImage.FromBitmap(code);
            // Linear filtering with mipmaps averages the print's pixels into camera pixels, as a lens and sensor do.
            var scale = codePixels / (float)box.Side;
            canvas.DrawImage(image, SKRect.Create(-box.X * scale, -box.Y * scale, code.Width * scale, code.Height * scale), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        var pixels = bitmap.GetPixelSpan().ToArray();
        if (washOut > 0)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)((pixels[i] * (1 - washOut)) + (150 * washOut));
            }
        }

        return pixels;
    }

    private static byte[] Blur(byte[] pixels, int frame, float sigma)
    {
        var info = new SKImageInfo(frame, frame, SKColorType.Gray8, SKAlphaType.Opaque);
        using var source = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, source.GetPixels(), pixels.Length);
        using var target = new SKBitmap(info);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma) };
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        }

        return target.GetPixelSpan().ToArray();
    }

    private static byte[] Noise(byte[] pixels, double sigma)
    {
        var random = new Random(20_26);
        for (var i = 0; i < pixels.Length; i++)
        {
            // Box–Muller: a normal sample from two uniform ones.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            pixels[i] = (byte)Math.Clamp(pixels[i] + (normal * sigma), 0, 255);
        }

        return pixels;
    }
}
