using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QrAspire.Benchmarks.Gates;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace QrAspire.Benchmarks;

/// <summary>
/// A designer's PNG at 512 px: linear gradient, rounded-square modules and eyes, a logo on a round knock-out pad and a
/// banner frame with "Scan me" (target ≤ 2 ms), beside the same code plain-styled (the baseline) and the same style
/// without its frame (what the frame adds). The symbol is encoded once, as bulk jobs do; the logo is decoded once.
/// Besides the default short run, a job timed in the thread's CPU time (the ratio gates' <see cref="GateRun.ShortJob"/>)
/// gives numbers that other work on a shared machine does not inflate.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CpuTimeConfig))]
public class StyledPngBenchmarks
{
    private const string Text = "https://qr.example.com/r/a1B2c3";

    private QrMatrix _plainMatrix = null!;
    private QrMatrix _matrix = null!;
    private QrLogo _logo = null!;
    private readonly QrStyle _plain = QrStyle.Default;
    private QrStyle _styled = QrStyle.Default;
    private QrStyle _unframed = QrStyle.Default;

    [GlobalSetup]
    public void Setup()
    {
        _plainMatrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.M);
        _matrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.H);
        var logo = Logo();
        _logo = QrLogo.Load(logo);
        _unframed = QrStyle.Default with
        {
            Gradient = new QrGradient(GradientKind.Linear, Rgb(0x1a, 0x23, 0x7e), Rgb(0x00, 0x69, 0x5c), 45),
            Modules = ModuleShape.RoundedSquare,
            Eyes = EyeShape.RoundedSquare,
            Logo = logo,
            LogoBackground = QrColour.White,
            LogoCornerRadius = 0.5,
        };
        _styled = _unframed with { Frame = new QrFrame(FrameDesign.BannerBottom, "Scan me") { Colour = Rgb(0x1a, 0x23, 0x7e) } };
        _styled.Validate();

        // Check the answer before timing it: the framed, styled PNG reads back as the URL.
        using var bitmap = SKBitmap.Decode(Styled());
        if (bitmap.Width != 548 || bitmap.Height != 632 || Decode(bitmap) != Text)
        {
            throw new InvalidOperationException("The styled PNG does not read back as its text.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _logo.Dispose();

    [Benchmark(Baseline = true, Description = "plain PNG 512 px")]
    public byte[] Plain() => QrRenderer.Render(_plainMatrix, _plain, QrFormat.Png);

    [Benchmark(Description = "gradient + logo PNG 512 px")]
    public byte[] Unframed() => QrRenderer.Render(_matrix, _unframed, QrFormat.Png, _logo);

    [Benchmark(Description = "gradient + logo + frame PNG 512 px")]
    public byte[] Styled() => QrRenderer.Render(_matrix, _styled, QrFormat.Png, _logo);

    private static QrColour Rgb(byte r, byte g, byte b) => new(r, g, b);

    private static byte[] Logo()
    {
        using var bitmap = new SKBitmap(240, 160);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var red = new SKPaint { Color = new SKColor(0xE5, 0x39, 0x35), IsAntialias = true };
            canvas.DrawRoundRect(SKRect.Create(0, 0, 240, 160), 24, 24, red);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    private static string? Decode(SKBitmap bitmap)
    {
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        var source = new RGBLuminanceSource(rgba.GetPixelSpan().ToArray(), rgba.Width, rgba.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(source)?.Text;
    }

    private sealed class CpuTimeConfig : ManualConfig
    {
        public CpuTimeConfig() => AddJob(GateRun.ShortJob);
    }
}
