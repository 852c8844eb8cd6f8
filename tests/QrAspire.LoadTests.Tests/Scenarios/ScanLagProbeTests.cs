using QrAspire.LoadTests.Scenarios;
using QrAspire.LoadTests.Tests.Harness;

namespace QrAspire.LoadTests.Tests.Scenarios;

/// <summary>The probe against an in-memory pipeline on a virtual clock: every wait and every poll is counted exactly.</summary>
public sealed class ScanLagProbeTests
{
    private static readonly SeededCode Code = new("lag1", "lag1");

    [Fact]
    public async Task TheLagRunsFromTheRedirectUntilTheAnalyticsCountTheScan()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: 5);
        var probe = NewProbe(pipeline, clock, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.True(outcome.Success, outcome.Failure);
        Assert.True(pipeline.WasRedirected("lag1"));
        // Polled every 20 ms, not in a busy loop, and stopped at the poll that saw the scan.
        Assert.Equal(5, pipeline.Polls);
        Assert.Equal(TimeSpan.FromMilliseconds(80), clock.Elapsed);
    }

    [Fact]
    public async Task AScanThatNeverShowsFailsAtTheDeadline()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: null);
        var probe = NewProbe(pipeline, clock, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.False(outcome.Success);
        Assert.Equal("scan not visible within 0.5 s", outcome.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(500), clock.Elapsed);
        Assert.Equal(11, pipeline.Polls); // at 0, 50 … 500 ms: the last one at the deadline itself
    }

    [Fact]
    public async Task APollIntervalThatDoesNotDivideTheDeadlineStillPollsAtTheDeadline()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: null);
        var probe = NewProbe(pipeline, clock, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.Equal("scan not visible within 0.5 s", outcome.Failure);
        Assert.Equal(TimeSpan.FromMilliseconds(500), clock.Elapsed);
        Assert.Equal(3, pipeline.Polls); // at 0, 300 and 500 ms
    }

    [Theory]
    [InlineData(404, "analytics: HTTP 404")]
    [InlineData(500, "analytics: HTTP 500")]
    public async Task AnAnalyticsErrorFailsAtOnceNamedByItsStatus(int status, string expected)
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: 1, analyticsStatus: status);
        var probe = NewProbe(pipeline, clock, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.Equal(expected, outcome.Failure);
        Assert.Equal(1, pipeline.Polls);
    }

    [Fact]
    public async Task AWrongApiKeyIsAFailureNotAnEndlessWait()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: 1);
        using var http = new HttpClient(pipeline, disposeHandler: false);
        var probe = new ScanLagProbe(http, FakeScanPipeline.Url, FakeScanPipeline.Url, "wrong", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10), clock);

        var outcome = await probe.MeasureAsync(Code, CancellationToken.None);

        Assert.Equal("analytics: HTTP 401", outcome.Failure);
    }

    private static ScanLagProbe NewProbe(FakeScanPipeline pipeline, InstantClock clock, TimeSpan pollInterval, TimeSpan deadline) =>
        // The client does not own the handler: the test disposes the pipeline.
        new(new HttpClient(pipeline, disposeHandler: false), FakeScanPipeline.Url, FakeScanPipeline.Url, FakeScanPipeline.ApiKey, pollInterval, deadline, clock);
}
