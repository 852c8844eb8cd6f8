using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QrAspire.Benchmarks.Gates;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Rendering;
using QrAspire.QrEngine.Styling;
using QRCoder;
using SkiaSharp;
using Svg.Skia;
using ZXing;
using ZXing.Common;

namespace QrAspire.Benchmarks;

/// <summary>
/// Every format at 512 px for one typical dynamic code (a 31-character short URL, version 3, ECC M), each beside
/// its counterpart: QRCoder 1.8.1's renderer for PNG, SVG, PDF and EPS and its <c>QRCodeGenerator</c> for the
/// encoder; SkiaSharp's encode of the same, already rasterised bitmap with the same options for JPEG and WebP
/// (so that pair's ratio is what our rasterising adds). QRCoder sizes by pixels per module, so its images are
/// 13 px per module (481 px) where ours are 512 px with the symbol centred on the same 13 px grid.
/// <see cref="RatioGates"/> names the pairs; a method's description is its name there.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FormatBenchmarks
{
    public const string Text = "https://qr.example.com/r/a1B2c3";
    private const int Size = 512;

    private static int _checked;
    private QRCodeData _data = null!;
    private QrMatrix _matrix = null!;
    private QrStyle _style = QrStyle.Default;
    private int _pixelsPerModule;
    private SKBitmap _opaqueBitmap = null!;
    private SKBitmap _bitmap = null!;
    private Slowdown _slowdown = Slowdown.None;

    [GlobalSetup]
    public void Setup()
    {
        _slowdown = Slowdown.FromEnvironment();
        _data = QRCodeGenerator.GenerateQrCode(Text, QRCodeGenerator.ECCLevel.M);
        _matrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.M);
        _style = QrStyle.Default with { Size = Size };
        _pixelsPerModule = Size / (_matrix.Size + 8);
        var layout = new QrLayout(_matrix, _style, hasLogo: false);
        _opaqueBitmap = RasterRenderer.Rasterise(layout, null, opaque: true);
        _bitmap = RasterRenderer.Rasterise(layout, null, opaque: false);

        // Check every contender's answer before timing it: rasters and SVG must read back as the text,
        // PDF and EPS must at least be the right kind of file (the engine's tests read ours back). Once per
        // process: in process, BenchmarkDotNet calls this before each of the 14 benchmarks.
        if (Interlocked.Exchange(ref _checked, 1) == 1)
        {
            return;
        }

        Check("QrAspire PNG", DecodeRaster(OursPng()));
        Check("QRCoder PNG", DecodeRaster(QRCoderPng()));
        Check("QrAspire SVG", DecodeSvg(OursSvg()));
        Check("QRCoder SVG", DecodeSvg(System.Text.Encoding.UTF8.GetBytes(QRCoderSvg())));
        Check("QrAspire JPEG", DecodeRaster(OursJpeg()));
        Check("SkiaSharp JPEG", DecodeRaster(SkiaJpeg()));
        Check("QrAspire WebP", DecodeRaster(OursWebp()));
        Check("SkiaSharp WebP", DecodeRaster(SkiaWebp()));
        Starts("QrAspire PDF", OursPdf(), "%PDF-");
        Starts("QRCoder PDF", QRCoderPdf(), "%PDF-");
        Starts("QrAspire EPS", OursEps(), "%!PS-Adobe-3.0 EPSF-3.0");
        Starts("QRCoder EPS", System.Text.Encoding.ASCII.GetBytes(QRCoderEps()), "%!PS-Adobe-3.0 EPSF-3.0");
        if (OursEncode().Version != 3 || QRCoderEncode().Version != 3)
        {
            throw new InvalidOperationException("The encoders chose another version than 3.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _data.Dispose();
        _opaqueBitmap.Dispose();
        _bitmap.Dispose();
    }

    [Benchmark(Description = RatioGates.OursPng)]
    [BenchmarkCategory("PNG")]
    public byte[] OursPng() => Ours(QrFormat.Png);

    [Benchmark(Baseline = true, Description = RatioGates.QRCoderPng)]
    [BenchmarkCategory("PNG")]
    public byte[] QRCoderPng() => new PngByteQRCode(_data).GetGraphic(_pixelsPerModule);

    [Benchmark(Description = RatioGates.OursSvg)]
    [BenchmarkCategory("SVG")]
    public byte[] OursSvg() => Ours(QrFormat.Svg);

    [Benchmark(Baseline = true, Description = RatioGates.QRCoderSvg)]
    [BenchmarkCategory("SVG")]
    public string QRCoderSvg() => new SvgQRCode(_data).GetGraphic(_pixelsPerModule);

    [Benchmark(Description = RatioGates.OursPdf)]
    [BenchmarkCategory("PDF")]
    public byte[] OursPdf() => Ours(QrFormat.Pdf);

    [Benchmark(Baseline = true, Description = RatioGates.QRCoderPdf)]
    [BenchmarkCategory("PDF")]
    public byte[] QRCoderPdf() => new PdfByteQRCode(_data).GetGraphic(_pixelsPerModule);

    [Benchmark(Description = RatioGates.OursEps)]
    [BenchmarkCategory("EPS")]
    public byte[] OursEps() => Ours(QrFormat.Eps);

    [Benchmark(Baseline = true, Description = RatioGates.QRCoderEps)]
    [BenchmarkCategory("EPS")]
    public string QRCoderEps() => new PostscriptQRCode(_data).GetGraphic(new System.Drawing.Size(Size, Size), epsFormat: true);

    [Benchmark(Description = RatioGates.OursJpeg)]
    [BenchmarkCategory("JPEG")]
    public byte[] OursJpeg() => Ours(QrFormat.Jpeg);

    [Benchmark(Baseline = true, Description = RatioGates.SkiaJpeg)]
    [BenchmarkCategory("JPEG")]
    public byte[] SkiaJpeg() => RasterRenderer.Encode(_opaqueBitmap, SKEncodedImageFormat.Jpeg);

    [Benchmark(Description = RatioGates.OursWebp)]
    [BenchmarkCategory("WebP")]
    public byte[] OursWebp() => Ours(QrFormat.Webp);

    [Benchmark(Baseline = true, Description = RatioGates.SkiaWebp)]
    [BenchmarkCategory("WebP")]
    public byte[] SkiaWebp() => RasterRenderer.Encode(_bitmap, SKEncodedImageFormat.Webp);

    [Benchmark(Description = RatioGates.OursEncode)]
    [BenchmarkCategory("Encode")]
    public QrMatrix OursEncode()
    {
        var matrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.M);
        for (var i = 1; i < _slowdown.Repeats("Encode"); i++)
        {
            matrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.M);
        }

        return matrix;
    }

    [Benchmark(Baseline = true, Description = RatioGates.QRCoderEncode)]
    [BenchmarkCategory("Encode")]
    public QRCodeData QRCoderEncode() => QRCodeGenerator.GenerateQrCode(Text, QRCodeGenerator.ECCLevel.M);

    /// <summary>The raster path's steps one by one, for the stopwatch harness.</summary>
    public IEnumerable<(string Name, Func<object> Method)> Parts()
    {
        var layout = new QrLayout(_matrix, _style, hasLogo: false);
        yield return ("rasterise (opaque)", () => { using var b = RasterRenderer.Rasterise(layout, null, opaque: true); return b.Width; });
        yield return ("rasterise (premultiplied)", () => { using var b = RasterRenderer.Rasterise(layout, null, opaque: false); return b.Width; });
        yield return ("rasterise + WebP", () => { using var b = RasterRenderer.Rasterise(layout, null, opaque: false); return RasterRenderer.Encode(b, SKEncodedImageFormat.Webp); });
        yield return ("WebP of the kept bitmap", () => RasterRenderer.Encode(_bitmap, SKEncodedImageFormat.Webp));
        yield return ("rasterise + JPEG", () => { using var b = RasterRenderer.Rasterise(layout, null, opaque: true); return RasterRenderer.Encode(b, SKEncodedImageFormat.Jpeg); });
        yield return ("JPEG of the kept bitmap", () => RasterRenderer.Encode(_opaqueBitmap, SKEncodedImageFormat.Jpeg));
    }

    // The slowdown knob renders the same image again (QRASPIRE_BENCH_SLOWDOWN=PNG:4): a renderer made that much
    // slower, to show the gates catch it.
    private byte[] Ours(QrFormat format)
    {
        var image = QrRenderer.Render(_matrix, _style, format);
        for (var i = 1; i < _slowdown.Repeats(format.ToString()); i++)
        {
            image = QrRenderer.Render(_matrix, _style, format);
        }

        return image;
    }

    private static void Check(string who, string? decoded)
    {
        if (decoded != Text)
        {
            throw new InvalidOperationException($"{who} does not decode to the text (got '{decoded}').");
        }
    }

    private static void Starts(string who, byte[] file, string magic)
    {
        if (!file.AsSpan().StartsWith(System.Text.Encoding.ASCII.GetBytes(magic)) || file.Length < 200)
        {
            throw new InvalidOperationException($"{who} is not a {magic} file.");
        }
    }

    private static string? DecodeRaster(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image);
        return DecodeBitmap(bitmap);
    }

    private static string? DecodeSvg(byte[] svgBytes)
    {
        using var svg = new SKSvg();
        using var stream = new MemoryStream(svgBytes);
        var picture = svg.Load(stream)!;
        var size = (int)Math.Ceiling(Math.Max(picture.CullRect.Width, picture.CullRect.Height));
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawPicture(picture);
        }

        return DecodeBitmap(bitmap);
    }

    private static string? DecodeBitmap(SKBitmap source)
    {
        using var bitmap = source.Copy(SKColorType.Rgba8888);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(new RGBLuminanceSource(bitmap.GetPixelSpan().ToArray(), bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.RGBA32))?.Text;
    }
}
