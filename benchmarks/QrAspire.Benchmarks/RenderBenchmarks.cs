using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using QRCoder;
using SkiaSharp;
using Svg.Skia;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using ZXing.Rendering;

namespace QrAspire.Benchmarks;

/// <summary>
/// Our PNG and SVG renderers beside QRCoder's <c>PngByteQRCode</c>/<c>SvgQRCode</c> (the baselines) and
/// ZXing.Net's writers, for the same symbol at 10 px per module with a 4-module quiet zone. QRCoder and
/// our renderers start from the same pre-encoded symbol; ZXing.Net cannot render without encoding, so its
/// rows include its own encoding. <see cref="Encode"/> shows what encoding alone costs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class RenderBenchmarks
{
    private const int PixelsPerModule = 10;

    private string _text = string.Empty;
    private int _version;
    private QRCodeData _data = null!;
    private QrMatrix _matrix = null!;
    private QrStyle _style = QrStyle.Default;
    private BarcodeWriterPixelData _zxingPixels = null!;
    private BarcodeWriterSvg _zxingSvg = null!;

    /// <summary>Short URL (~30 characters, version 3) and long payloads at versions 2, 10, 25 and 40, all ECC M.</summary>
    [Params("ShortUrl", "V2", "V10", "V25", "V40")]
    public string Payload { get; set; } = "ShortUrl";

    [GlobalSetup]
    public void Setup()
    {
        (_text, _version) = Payload switch
        {
            "ShortUrl" => ("https://qr.example.com/r/a1B2c3", 3),
            "V2" => (Text(20), 2),
            "V10" => (Text(200), 10),
            "V25" => (Text(950), 25),
            _ => (Text(2300), 40),
        };

        _data = QRCodeGenerator.GenerateQrCode(_text, QRCodeGenerator.ECCLevel.M, false, false, QRCodeGenerator.EciMode.Default, _version);
        _matrix = QrEncoder.Encode(_text, ErrorCorrectionLevel.M, _version);
        var pixels = (_matrix.Size + 8) * PixelsPerModule;
        _style = QrStyle.Default with { Size = pixels };
        var options = new QrCodeEncodingOptions { Width = pixels, Height = pixels, Margin = 4, ErrorCorrection = ZXing.QrCode.Internal.ErrorCorrectionLevel.M, QrVersion = _version };
        _zxingPixels = new BarcodeWriterPixelData { Format = BarcodeFormat.QR_CODE, Options = options };
        _zxingSvg = new BarcodeWriterSvg { Format = BarcodeFormat.QR_CODE, Options = options };

        // Check every contender's answer before timing it.
        Check("QRCoder PNG", DecodePng(QRCoderPng()));
        Check("QrAspire PNG", DecodePng(QrAspirePng()));
        Check("QRCoder SVG", DecodeSvg(System.Text.Encoding.UTF8.GetBytes(QRCoderSvg())));
        Check("QrAspire SVG", DecodeSvg(QrAspireSvg()));
        Check("ZXing SVG", DecodeSvg(System.Text.Encoding.UTF8.GetBytes(ZXingSvg().Content)));
        var raw = ZXingPixelData();
        Check("ZXing pixel data", DecodeLuminance(raw.Pixels, raw.Width, raw.Height, RGBLuminanceSource.BitmapFormat.BGRA32));
        if (QrAspirePng().Length == 0 || _matrix.Version != _version)
        {
            throw new InvalidOperationException("Setup produced the wrong symbol.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "QRCoder PngByteQRCode")]
    [BenchmarkCategory("PNG")]
    public byte[] QRCoderPng() => new PngByteQRCode(_data).GetGraphic(PixelsPerModule);

    [Benchmark(Description = "QrAspire PNG")]
    [BenchmarkCategory("PNG")]
    public byte[] QrAspirePng() => QrRenderer.Render(_matrix, _style, QrFormat.Png);

    [Benchmark(Description = "ZXing.Net pixel data (encode + raw BGRA, no PNG)")]
    [BenchmarkCategory("PNG")]
    public PixelData ZXingPixelData() => _zxingPixels.Write(_text);

    [Benchmark(Baseline = true, Description = "QRCoder SvgQRCode")]
    [BenchmarkCategory("SVG")]
    public string QRCoderSvg() => new SvgQRCode(_data).GetGraphic(PixelsPerModule);

    [Benchmark(Description = "QrAspire SVG")]
    [BenchmarkCategory("SVG")]
    public byte[] QrAspireSvg() => QrRenderer.Render(_matrix, _style, QrFormat.Svg);

    [Benchmark(Description = "ZXing.Net BarcodeWriterSvg (encode + SVG)")]
    [BenchmarkCategory("SVG")]
    public SvgRenderer.SvgImage ZXingSvg() => _zxingSvg.Write(_text);

    [Benchmark(Baseline = true, Description = "QRCoder encode (shared by both paths)")]
    [BenchmarkCategory("Encode")]
    public QrMatrix Encode() => QrEncoder.Encode(_text, ErrorCorrectionLevel.M, _version);

    private static string Text(int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._~/";
        var random = new Random(length);
        return "https://example.com/" + new string([.. Enumerable.Range(0, length - 20).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
    }

    private void Check(string who, string? decoded)
    {
        if (decoded != _text)
        {
            throw new InvalidOperationException($"{who} output for {Payload} does not decode to the payload (got '{decoded}').");
        }
    }

    private static string? DecodePng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
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
        return DecodeLuminance(bitmap.GetPixelSpan().ToArray(), bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
    }

    private static string? DecodeLuminance(byte[] pixels, int width, int height, RGBLuminanceSource.BitmapFormat format)
    {
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var source = new RGBLuminanceSource(pixels, width, height, format);
        return reader.Decode(source)?.Text ?? new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = true } }.Decode(source)?.Text;
    }
}
