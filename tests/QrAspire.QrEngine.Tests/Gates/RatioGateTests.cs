using QrAspire.Benchmarks.Gates;

namespace QrAspire.QrEngine.Tests.Gates;

public class RatioGateTests
{
    private static readonly RatioGate Png = new("PNG", "ours png", "their png", Target: 0.5, Gate: 0.6);
    private static readonly RatioGate Jpeg = new("JPEG", "ours jpeg", "skia jpeg", Target: 1.2, Gate: 1.4);

    [Fact]
    public void PairsWithinTheirGatesPass()
    {
        var (verdicts, failures) = RatioGates.Evaluate([Png, Jpeg], Measured(png: 20_000, jpeg: 5_500_000));

        Assert.Empty(failures);
        Assert.Equal([0.2, 1.1], verdicts.Select(v => Math.Round(v.Ratio, 3)));
        Assert.All(verdicts, v => Assert.True(v.MeetsTarget));
    }

    [Fact]
    public void ASlowedRendererFailsItsGateWithOneLineNamingIt()
    {
        // The same run with our PNG renderer four times slower (QRASPIRE_BENCH_SLOWDOWN=PNG:4): 0.2 → 0.8.
        var (verdicts, failures) = RatioGates.Evaluate([Png, Jpeg], Measured(png: 80_000, jpeg: 5_500_000));

        var failure = Assert.Single(failures);
        Assert.Equal("ratio gate PNG: ours png 80.0 µs / their png 100.0 µs = 0.80 > gate 0.60", failure);
        Assert.False(verdicts.Single(v => v.Pair == Png).Passes);
        Assert.True(verdicts.Single(v => v.Pair == Jpeg).Passes);
    }

    [Fact]
    public void AMissedTargetWithinTheGatePassesButIsReported()
    {
        var (verdicts, failures) = RatioGates.Evaluate([Png], Measured(png: 55_000, jpeg: 1));

        Assert.Empty(failures);
        var verdict = Assert.Single(verdicts);
        Assert.False(verdict.MeetsTarget);
        Assert.True(verdict.Passes);
    }

    [Fact]
    public void APairWithoutAMeasurementFails()
    {
        var measured = Measured(png: 20_000, jpeg: 5_500_000);
        measured.Remove("skia jpeg");

        var (_, failures) = RatioGates.Evaluate([Png, Jpeg], measured);

        Assert.Equal(["ratio gate JPEG: not measured ('ours jpeg' or 'skia jpeg' has no result)"], failures);
    }

    [Fact]
    public void EveryGateIsAtLeastItsTargetAndEveryPairIsDistinct()
    {
        Assert.All(RatioGates.All, g => Assert.True(g.Gate >= g.Target, g.Format));
        Assert.Equal(RatioGates.All.Count, RatioGates.All.Select(g => g.Format).Distinct().Count());
        Assert.Equal(2 * RatioGates.All.Count, RatioGates.All.SelectMany(g => new[] { g.Ours, g.Counterpart }).Distinct().Count());
    }

    [Fact]
    public void TheSlowdownKnobRepeatsOnlyTheNamedFormats()
    {
        var slowdown = Slowdown.Parse("PNG:4, encode:3");

        Assert.Equal(4, slowdown.Repeats("png"));
        Assert.Equal(3, slowdown.Repeats("Encode"));
        Assert.Equal(1, slowdown.Repeats("SVG"));
        Assert.Equal(1, Slowdown.Parse(null).Repeats("PNG"));
    }

    [Theory]
    [InlineData("PNG")]
    [InlineData("PNG:0")]
    [InlineData("PNG:x")]
    [InlineData(":4")]
    public void AMalformedSlowdownIsRefusedNamingTheVariable(string value)
    {
        var error = Assert.Throws<FormatException>(() => Slowdown.Parse(value));

        Assert.StartsWith("QRASPIRE_BENCH_SLOWDOWN:", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, double> Measured(double png, double jpeg) => new()
    {
        ["ours png"] = png,
        ["their png"] = 100_000,
        ["ours jpeg"] = jpeg,
        ["skia jpeg"] = 5_000_000,
    };
}
