using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;
using QrAspire.LoadTests.Reports;

namespace QrAspire.LoadTests.Tests.Reports;

public sealed class MemoryReportTests
{
    // Api grows during warm-up then stays flat; Worker keeps growing (a leak); Redirector has one sample missing.
    private static readonly IReadOnlyList<MemorySample> Samples =
    [
        .. Enumerable.Range(0, 121).SelectMany(i => new[]
        {
            new MemorySample("Api", i * 5, Math.Min(200, 100 + (i * 10))),
            new MemorySample("Worker", i * 5, 80 + (i * 0.5)),
        }),
        .. Enumerable.Range(0, 121).Where(i => i != 7).Select(i => new MemorySample("Redirector", i * 5, 60)),
    ];

    [Fact]
    public void GrowthOverTheSecondHalfTellsALeakFromWarmUp()
    {
        var summary = MemoryReport.Summarize(Samples).ToDictionary(p => p.Process);

        Assert.Equal(["Api", "Redirector", "Worker"], summary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((121, 100.0, 200.0, 100.0, 200.0, 0.0), (summary["Api"].Samples, summary["Api"].FirstMiB, summary["Api"].LastMiB, summary["Api"].MinMiB, summary["Api"].MaxMiB, summary["Api"].SecondHalfGrowthMiB));
        Assert.Equal(30, summary["Worker"].SecondHalfGrowthMiB, tolerance: 1e-9);
        Assert.Equal(120, summary["Redirector"].Samples);
    }

    [Fact]
    public void TheTableIsThinnedToAFewRowsKeepingTheFirstAndLastSample()
    {
        var table = MemoryReport.Table(Samples, ["Api", "Worker", "Redirector"]);

        Assert.InRange(table.Count, 20, MemoryReport.MaxRows);
        Assert.Equal(0, table[0].AtSeconds);
        Assert.Equal(600, table[^1].AtSeconds);
        Assert.Equal(table.OrderBy(r => r.AtSeconds).Select(r => r.AtSeconds), table.Select(r => r.AtSeconds));
        Assert.Equal([200.0, 140.0, 60.0], table[^1].RssMiB);
    }

    [Fact]
    public void ASmallRunKeepsEverySampleAndLeavesAMissingOneEmpty()
    {
        var table = MemoryReport.Table([.. Samples.Where(s => s.AtSeconds <= 50)], ["Api", "Redirector"]);

        Assert.Equal(11, table.Count);
        Assert.Equal(35, table[7].AtSeconds);
        Assert.Null(table[7].RssMiB[1]);
        Assert.Equal(170, table[7].RssMiB[0]);
    }

    [Fact]
    public void TheMarkdownReportShowsTheMemoryTableWithWhatWasRunningAndTheChart()
    {
        var profile = ProfileLoader.Parse("""{ "scenarios": [ { "name": "api-read", "rate": 5, "duration": "1s" } ] }""", "memory");
        var report = new RunReport(profile, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(10), "test", null, null, 0, [], Samples,
            [new RunPhase("seeding", 0), new RunPhase("mixed", 30.5)]);

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("![resident memory](memory.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Worker | 121 | 80 | 140 | 80 | 140 | 30 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0 | seeding | 100 | 60 | 80 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 600 | mixed | 200 | 60 | 140 |", markdown, StringComparison.Ordinal);
        Assert.Contains("<polyline", MemoryReport.Chart(Samples), StringComparison.Ordinal);
    }
}
