using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

public sealed class OpenModelSchedulerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task LatencyIsCountedFromTheScheduledTimeWhenTheServerStalls()
    {
        var clock = new FakeClock();
        var server = new StalledServer();
        var recorder = new LatencyRecorder();
        var scheduler = new OpenModelScheduler(clock, new ScheduleSettings(Rate: 10, Warmup: TimeSpan.Zero, Duration: TimeSpan.FromSeconds(1), MaxInFlight: 100));

        var run = scheduler.RunAsync(server.SendAsync, recorder, CancellationToken.None);
        clock.Walk(TimeSpan.FromSeconds(1), Step);
        server.Release();
        await run;

        // Requests due at 0, 0.1 … 0.9 s all answered at 1 s: the open model sent them all and charges each for its wait.
        var summary = recorder.Summarize();
        Assert.Equal(10, server.Received);
        Assert.Equal(10, summary.Succeeded);
        Assert.Equal(1000, summary.MaxMs, tolerance: 1);
        Assert.Equal(100, summary.Percentiles[0].LatencyMs, tolerance: 0.1);
        Assert.Equal(500, summary.P50Ms, tolerance: 0.5);
    }

    [Fact]
    public async Task RequestsTheSchedulerSendsLateAreTimedFromWhenTheyWereDue()
    {
        var clock = new FakeClock();
        var recorder = new LatencyRecorder();
        var scheduler = new OpenModelScheduler(clock, new ScheduleSettings(10, TimeSpan.Zero, TimeSpan.FromSeconds(0.4), 100));

        var run = scheduler.RunAsync((_, _) => Task.FromResult(RequestOutcome.Ok), recorder, CancellationToken.None);
        clock.JumpTo(TimeSpan.FromMilliseconds(350)); // the scheduler wakes 350 ms late, as a starved process would
        await run;

        // Request 0 left at once; 1, 2 and 3 (due at 100, 200, 300 ms) left at 350 ms and are charged the lateness.
        var summary = recorder.Summarize();
        Assert.Equal(4, summary.Requests);
        Assert.Equal(250, summary.MaxMs, tolerance: 0.5);
        Assert.Equal(250, summary.SendLagP99Ms, tolerance: 5);
    }

    [Fact]
    public async Task TheInFlightCapCountsRequestsThatCouldNotBeSentAsMissedSends()
    {
        var clock = new FakeClock();
        var server = new StalledServer();
        var recorder = new LatencyRecorder();
        var scheduler = new OpenModelScheduler(clock, new ScheduleSettings(10, TimeSpan.Zero, TimeSpan.FromSeconds(1), MaxInFlight: 2));

        var run = scheduler.RunAsync(server.SendAsync, recorder, CancellationToken.None);
        clock.Walk(TimeSpan.FromSeconds(1), Step);
        server.Release();
        await run;

        var summary = recorder.Summarize();
        Assert.Equal(2, server.Received);
        Assert.Equal(10, summary.Requests);
        Assert.Equal(8, summary.MissedSends);
        Assert.Equal(0.8, summary.ErrorRate, tolerance: 1e-9);
        Assert.Equal(8, summary.Failures["missed send (in-flight cap)"]);
    }

    [Fact]
    public async Task RequestsDueDuringTheWarmUpAreSentButNotRecorded()
    {
        var clock = new FakeClock();
        var sent = 0;
        var recorder = new LatencyRecorder();
        var scheduler = new OpenModelScheduler(clock, new ScheduleSettings(10, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.5), 100));

        var run = scheduler.RunAsync((_, _) => { sent++; return Task.FromResult(RequestOutcome.Ok); }, recorder, CancellationToken.None);
        clock.Walk(TimeSpan.FromSeconds(1), Step);
        await run;

        Assert.Equal(10, sent);
        Assert.Equal(5, recorder.Summarize().Requests);
    }

    [Fact]
    public async Task TheScheduleIsBoundedByCountAsWellAsTime()
    {
        var clock = new FakeClock();
        var recorder = new LatencyRecorder();
        var scheduler = new OpenModelScheduler(clock, new ScheduleSettings(10, TimeSpan.Zero, TimeSpan.FromSeconds(10), 100, MaxRequests: 3));

        var run = scheduler.RunAsync((_, _) => Task.FromResult(RequestOutcome.Ok), recorder, CancellationToken.None);
        clock.Walk(TimeSpan.FromSeconds(1), Step);
        await run;

        Assert.Equal(3, recorder.Summarize().Requests);
    }
}
