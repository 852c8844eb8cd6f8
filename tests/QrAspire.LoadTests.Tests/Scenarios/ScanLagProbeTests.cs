using System.Diagnostics;
using QrAspire.LoadTests.Scenarios;

namespace QrAspire.LoadTests.Tests.Scenarios;

public sealed class ScanLagProbeTests
{
    private static readonly SeededCode Code = new("lag1", "lag1");

    [Fact]
    public async Task TheLagRunsFromTheRedirectUntilTheAnalyticsCountTheScan()
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: TimeSpan.FromMilliseconds(400));
        using var http = LoadHttpClient.Create(8);
        var probe = new ScanLagProbe(http, pipeline.Url, pipeline.Url, FakeScanPipeline.ApiKey, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

        var watch = Stopwatch.StartNew();
        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);
        watch.Stop();

        Assert.True(outcome.Success, outcome.Failure);
        Assert.True(pipeline.WasRedirected("lag1"));
        // Not before the scan is visible, and not much after: one poll interval plus scheduling noise.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(2000));
        Assert.InRange(pipeline.Polls, 5, 25); // polled every 20 ms while waiting, not in a busy loop
    }

    [Fact]
    public async Task AScanThatNeverShowsFailsAtTheDeadline()
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: null);
        using var http = LoadHttpClient.Create(8);
        var probe = new ScanLagProbe(http, pipeline.Url, pipeline.Url, FakeScanPipeline.ApiKey, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.False(outcome.Success);
        Assert.Equal("scan not visible within 0.5 s", outcome.Failure);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(404, "analytics: HTTP 404")]
    [InlineData(500, "analytics: HTTP 500")]
    public async Task AnAnalyticsErrorFailsAtOnceNamedByItsStatus(int status, string expected)
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: TimeSpan.Zero, analyticsStatus: status);
        using var http = LoadHttpClient.Create(8);
        var probe = new ScanLagProbe(http, pipeline.Url, pipeline.Url, FakeScanPipeline.ApiKey, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.Equal(expected, outcome.Failure);
        Assert.Equal(1, pipeline.Polls);
    }

    [Fact]
    public async Task AWrongApiKeyIsAFailureNotAnEndlessWait()
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: TimeSpan.Zero);
        using var http = LoadHttpClient.Create(8);
        var probe = new ScanLagProbe(http, pipeline.Url, pipeline.Url, "wrong", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.Equal("analytics: HTTP 401", outcome.Failure);
    }
}
