using System.Diagnostics;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests.Support;

/// <summary>
/// Turns any output format into pixels with tools independent of our renderers: SkiaSharp's codecs for PNG, JPEG and
/// WebP; librsvg's <c>rsvg-convert</c> for SVG; poppler's <c>pdftoppm</c> for PDF; Ghostscript for EPS. Every image is
/// flattened onto white, as a printed or on-screen code is seen. PDF is rasterised at 300 dpi; EPS at 600 dpi, because
/// PostScript's fill rule paints every pixel a clip path touches — the gradient bands' clip grows by up to a device
/// pixel, a sixth of a module at 300 dpi for a dense code but under 2% at a printer's 600 dpi and more.
/// </summary>
internal static class ExternalRasteriser
{
    /// <summary>The tools vector formats need that are not installed (empty when all are).</summary>
    public static IReadOnlyList<string> Missing(QrFormat format) => format switch
    {
        QrFormat.Svg => MissingOf("rsvg-convert"),
        QrFormat.Pdf => MissingOf("pdftoppm"),
        QrFormat.Eps => MissingOf("gs"),
        _ => [],
    };

    /// <summary>The image as opaque 8-bit grey pixels.</summary>
    public static (byte[] Grey, int Width, int Height) Rasterise(byte[] content, QrFormat format)
    {
        var png = format switch
        {
            QrFormat.Svg => Run("rsvg-convert", content, ".svg", input => ["--background-color=white", "-o", "{out}", input]),
            QrFormat.Pdf => Run("pdftoppm", content, ".pdf", input => ["-png", "-r", "300", "-singlefile", input, "{outbase}"]),
            QrFormat.Eps => Run("gs", content, ".eps", input => ["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dEPSCrop", "-sDEVICE=png16m", "-r600", "-dGraphicsAlphaBits=4", "-dTextAlphaBits=4", "-sOutputFile={out}", input]),
            _ => content,
        };
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException($"Could not decode the {format} rasterisation.");
        return Grey(bitmap);
    }

    /// <summary>A bitmap flattened onto white, as grey pixels.</summary>
    public static (byte[] Grey, int Width, int Height) Grey(SKBitmap source)
    {
        using var flat = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        var pixels = flat.GetPixelSpan();
        var grey = new byte[flat.Width * flat.Height];
        for (int i = 0, j = 0; i < grey.Length; i++, j += 4)
        {
            grey[i] = (byte)(((pixels[j] * 77) + (pixels[j + 1] * 150) + (pixels[j + 2] * 29)) >> 8);
        }

        return (grey, flat.Width, flat.Height);
    }

    private static string[] MissingOf(string tool) => Which(tool) is null ? [tool] : [];

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static byte[] Run(string tool, byte[] content, string extension, Func<string, string[]> arguments)
    {
        var directory = Directory.CreateTempSubdirectory("qraspire-raster-");
        try
        {
            var input = Path.Combine(directory.FullName, "in" + extension);
            var outBase = Path.Combine(directory.FullName, "out");
            File.WriteAllBytes(input, content);
            var start = new ProcessStartInfo(Which(tool) ?? throw new InvalidOperationException($"{tool} is not installed."))
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments(input))
            {
                start.ArgumentList.Add(argument.Replace("{outbase}", outBase, StringComparison.Ordinal).Replace("{out}", outBase + ".png", StringComparison.Ordinal));
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} took over 60 s.");
            }

            return process.ExitCode == 0
                ? File.ReadAllBytes(outBase + ".png")
                : throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {errors.Result}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
