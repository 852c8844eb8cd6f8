using QrAspire.LoadTests.Tests.Harness;
using QrAspire.LoadTests.Tests.Scenarios;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// The whole harness (profile → schedule → HTTP → gates → reports → exit code) against an in-memory Redirector on a
/// virtual clock: a verdict follows from how long the fake takes, never from how busy the machine is. The same run
/// against a real server on loopback is <see cref="GateRealServerTests"/>, in the benchmark tier.
/// </summary>
public sealed class GateEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task ASlowEndpointFailsTheRedirectGate()
    {
        var clock = new InstantClock();
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(200));

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, new RunEnvironment(() => clock, _ => redirector));

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("load test e2e: FAIL", output, StringComparison.Ordinal);
        Assert.Contains("| redirect-hit |", File.ReadAllText(Path.Combine(_work, "out", "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowEndpointIsMeasuredTwiceAndFailsOnlyThen()
    {
        var clock = new InstantClock();
        // 50 ms per redirect at 50 a second: the queue grows in both measurements.
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(50));

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, new RunEnvironment(clock.Restarted, _ => redirector));

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        // 125 requests (0.5 s warm-up + 2 s at 50/s) per measurement.
        Assert.Equal(250, redirector.Redirects);
        Assert.Contains("missed the 100 ms gate; measuring again to confirm", output, StringComparison.Ordinal);
        Assert.Matches(@"- redirect-hit: first p99 [0-9.]+ ms .*, second p99 [0-9.]+ ms: confirmed", File.ReadAllText(Path.Combine(_work, "out", "summary.md")));
    }

    [Fact]
    public async Task AStallThatDoesNotRecurPassesAndTheReportKeepsTheFirstMeasurement()
    {
        var clock = new InstantClock();
        // Redirects 31–60 (the first measurement, after its 25 warm-up requests) take 30 ms each: a 0.9 s stall that
        // queues a third of that measurement behind it. The second measurement (redirects 126–250) answers at once.
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(30), isSlow: n => n is > 30 and <= 60);

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, new RunEnvironment(clock.Restarted, _ => redirector));

        Assert.True(exitCode == LoadTestApp.Passed, output);
        Assert.Equal(250, redirector.Redirects);
        Assert.Matches(@"- redirect-hit: first p99 [0-9.]+ ms .*, second p99 [0-9.]+ ms: not confirmed", File.ReadAllText(Path.Combine(_work, "out", "summary.md")));
        Assert.Contains("\"unconfirmed\": {", File.ReadAllText(Path.Combine(_work, "out", "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFastEndpointPassesAndWritesTheThreeReports()
    {
        var clock = new InstantClock();
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null);

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, new RunEnvironment(() => clock, _ => redirector));

        Assert.True(exitCode == LoadTestApp.Passed, output);
        // 50/s for 0.5 s of warm-up and 2 s measured, every one answered in no time on the virtual clock.
        Assert.Equal(125, redirector.Redirects);
        GateRun.AssertTheThreeReports(_work, output);
    }

    [Fact]
    public async Task ATargetOffLoopbackIsRefusedBeforeAnyLoad()
    {
        var (exitCode, output) = await GateRun.RunAsync(_work, new Uri("http://192.0.2.1:5090"), RunEnvironment.Real);

        Assert.Equal(LoadTestApp.Refused, exitCode);
        Assert.Contains("refused: --redirector: 'http://192.0.2.1:5090/' is not on loopback", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "out")));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
