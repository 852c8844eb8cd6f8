using BenchmarkDotNet.Attributes;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Styling;

namespace QrAspire.Benchmarks;

/// <summary>
/// The scannability check as <c>POST /api/v1/render/check</c> runs it (target ≤ 300 ms): render the PNG, then read
/// it back under five simulated conditions with ZXing and with zbar (<c>zbarimg</c>, one process per condition).
/// Wall-clock time, because that is what the caller waits for: the check reads on two threads and in other processes.
/// A plain code and a designer's one (gradient, rounded shapes, frame) at 30 mm seen from 30 cm, and a 100 mm poster
/// from 1 m (more camera pixels per frame). <see cref="Setup"/> fails when zbar is not installed: without it the
/// check does half the work and the number would flatter it.
/// </summary>
[MemoryDiagnoser]
public class ScannabilityCheckBenchmarks
{
    private static readonly TimeSpan DecoderTimeout = TimeSpan.FromSeconds(5);

    private readonly QrRenderRequest _plain = new(new UrlQrContent("https://qr.example.com/r/a1B2c3"));
    private QrRenderRequest _styled = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!ZbarReader.IsAvailable)
        {
            throw new InvalidOperationException("zbarimg is not installed (apt-get install zbar-tools): the check would skip half its reads.");
        }

        _styled = _plain with
        {
            Style = QrStyle.Default with
            {
                Gradient = new QrGradient(GradientKind.Linear, new QrColour(0x1a, 0x23, 0x7e), new QrColour(0x00, 0x69, 0x5c), 45),
                Modules = ModuleShape.RoundedSquare,
                Eyes = EyeShape.RoundedSquare,
                Frame = new QrFrame(FrameDesign.BannerBottom, "Scan me"),
            },
        };
        // The scores, for the report: a condition one decoder misses is timed as it is (a miss costs a reader more).
        foreach (var (name, request, size, distance) in new[] { ("plain", _plain, 30.0, 300.0), ("styled", _styled, 30.0, 300.0), ("poster", _plain, 100.0, 1000.0) })
        {
            var report = ScannabilityCheck.Run(request, size, distance, DecoderTimeout);
            Console.WriteLine($"// scannability {name}: score {report.Score}, missed: {string.Join(", ", report.Conditions.Where(c => !c.Passed).Select(c => c.Name))}");
        }
    }

    [Benchmark(Baseline = true, Description = "check: plain, 30 mm from 30 cm")]
    public int Plain() => ScannabilityCheck.Run(_plain, 30, 300, DecoderTimeout).Score;

    [Benchmark(Description = "check: gradient + frame, 30 mm from 30 cm")]
    public int Styled() => ScannabilityCheck.Run(_styled, 30, 300, DecoderTimeout).Score;

    [Benchmark(Description = "check: plain, 100 mm from 1 m")]
    public int Poster() => ScannabilityCheck.Run(_plain, 100, 1000, DecoderTimeout).Score;
}
