using System.Globalization;

namespace QrAspire.Benchmarks.Gates;

/// <summary>One pair measured in the same run: our method against its counterpart, as time(ours) / time(counterpart).</summary>
/// <param name="Format">The format (or "Encode") the pair measures.</param>
/// <param name="Ours">Our benchmark's description.</param>
/// <param name="Counterpart">The counterpart benchmark's description.</param>
/// <param name="Target">The ratio we aim for (0.5 = twice as fast), reported only.</param>
/// <param name="Gate">The ratio above which the run fails: the target or looser, with margin over this machine's noise.</param>
public sealed record RatioGate(string Format, string Ours, string Counterpart, double Target, double Gate);

/// <summary>A pair's measured medians (nanoseconds) and what they mean against its gate.</summary>
public sealed record GateVerdict(RatioGate Pair, double OursNanoseconds, double CounterpartNanoseconds)
{
    public double Ratio => OursNanoseconds / CounterpartNanoseconds;

    public bool MeetsTarget => Ratio <= Pair.Target;

    public bool Passes => Ratio <= Pair.Gate;
}

/// <summary>
/// The render suite's ratio gates (<see cref="FormatBenchmarks"/>) and the pure evaluation of measured results
/// against them. Ratios, not times: both sides of a pair run in the same process minutes apart, so the
/// machine's speed cancels out and only its noise remains; the gates leave room for that noise
/// (docs/performance.md, "Rendering", shows the spread they were chosen from).
/// </summary>
public static class RatioGates
{
    public const string OursPng = "QrAspire PNG";
    public const string QRCoderPng = "QRCoder PngByteQRCode";
    public const string OursSvg = "QrAspire SVG";
    public const string QRCoderSvg = "QRCoder SvgQRCode";
    public const string OursPdf = "QrAspire PDF";
    public const string QRCoderPdf = "QRCoder PdfByteQRCode";
    public const string OursEps = "QrAspire EPS";
    public const string QRCoderEps = "QRCoder PostscriptQRCode";
    public const string OursJpeg = "QrAspire JPEG";
    public const string SkiaJpeg = "SkiaSharp JPEG encode";
    public const string OursWebp = "QrAspire WebP";
    public const string SkiaWebp = "SkiaSharp WebP encode";
    public const string OursEncode = "QrAspire encode";
    public const string QRCoderEncode = "QRCoder QRCodeGenerator";

    /// <summary>
    /// Every pair of the suite with its target and gate. Each gate sits about 1.5–2.5× above the highest ratio of
    /// six runs on the shared machine (a single spike is measured again before it fails a run), and a pair that meets
    /// its target is gated at it at most; PDF misses its target, so its gate only catches regressions
    /// (docs/performance.md, "Rendering").
    /// </summary>
    public static IReadOnlyList<RatioGate> All { get; } =
    [
        new("PNG", OursPng, QRCoderPng, Target: 0.5, Gate: 0.5),
        new("SVG", OursSvg, QRCoderSvg, Target: 0.5, Gate: 0.5),
        new("PDF", OursPdf, QRCoderPdf, Target: 0.5, Gate: 2.4),
        new("EPS", OursEps, QRCoderEps, Target: 0.5, Gate: 0.8),
        new("JPEG", OursJpeg, SkiaJpeg, Target: 1.2, Gate: 1.6),
        new("WebP", OursWebp, SkiaWebp, Target: 1.2, Gate: 1.8),
        new("Encode", OursEncode, QRCoderEncode, Target: 0.5, Gate: 0.5),
    ];

    /// <summary>
    /// Judges each pair against the medians measured in one run (by benchmark description). A pair with a side
    /// that was not measured fails too: a run that measures nothing must not pass.
    /// </summary>
    public static (IReadOnlyList<GateVerdict> Verdicts, IReadOnlyList<string> Failures) Evaluate(
        IReadOnlyList<RatioGate> gates, IReadOnlyDictionary<string, double> medianNanoseconds)
    {
        var verdicts = new List<GateVerdict>();
        var failures = new List<string>();
        foreach (var gate in gates)
        {
            if (!medianNanoseconds.TryGetValue(gate.Ours, out var ours) || !medianNanoseconds.TryGetValue(gate.Counterpart, out var counterpart)
                || !(ours > 0) || !(counterpart > 0))
            {
                failures.Add($"ratio gate {gate.Format}: not measured ('{gate.Ours}' or '{gate.Counterpart}' has no result)");
                continue;
            }

            var verdict = new GateVerdict(gate, ours, counterpart);
            verdicts.Add(verdict);
            if (!verdict.Passes)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ratio gate {gate.Format}: {gate.Ours} {Micros(ours)} / {gate.Counterpart} {Micros(counterpart)} = {verdict.Ratio:0.00} > gate {gate.Gate:0.00}"));
            }
        }

        return (verdicts, failures);
    }

    public static string Micros(double nanoseconds) => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1000:0.0} µs");
}
