using System.Text.Json;
using QrAspire.LoadTests.Tests.Harness;
using QrAspire.LoadTests.Tests.Scenarios;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// The relative gate end to end on a virtual clock: the floor (a fake bare app) and the Redirector (a fake that takes
/// as long as the test says) measured at the same rate in one run, in memory, so a verdict follows from the fakes.
/// </summary>
public sealed class FloorGateEndToEndTests : IDisposable
{
    private const string Gate = """{ "floorFactor": 3, "allowance": "1ms" }""";

    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task ASlowedRedirectPathFailsTheRelativeGateWhileTheFloorIsFast()
    {
        var clock = new InstantClock();
        // 5 ms per redirect: twenty times under the 100 ms alert line, far above 3 × an instant floor + 1 ms.
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(5));
        using var floor = new FakeScanPipeline(clock, visibleAtPoll: null);

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, Environment(clock, redirector, floor), FloorRouter.FloorUrl, Gate);

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("redirect-hit: p99 5.00 ms above 3 × floor p99 0.00 ms + 1 ms = 1.00 ms; measuring again to confirm", output, StringComparison.Ordinal);
        // Floor and scenario measured twice: 125 requests each time (0.5 s warm-up + 2 s at 50/s).
        Assert.Equal(250, redirector.Redirects);
        Assert.Equal(250, floor.Redirects);
        var summary = File.ReadAllText(Path.Combine(_work, "out", "summary.md"));
        Assert.Matches(@"\| redirect-hit \| 50 \| .* \| 0\.001 / 0\.001 \| p99 < 100\.0 \(redirect\) \| p99 ≤ 3 × floor \+ 1\.000 = 1\.003 ✗ \| FAIL \|", summary);
        Assert.Matches(@"- redirect-hit: first p99 5\.00\d ms .*floor p99 0\.001 ms, relative limit 1\.003 ms\), second p99 5\.00\d ms.*: confirmed", summary);
    }

    [Fact]
    public async Task ARedirectorAsFastAsItsFloorPassesAndTheReportShowsTheFloor()
    {
        var clock = new InstantClock();
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null);
        using var floor = new FakeScanPipeline(clock, visibleAtPoll: null);

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, Environment(clock, redirector, floor), FloorRouter.FloorUrl, Gate);

        Assert.True(exitCode == LoadTestApp.Passed, output);
        Assert.Equal(125, redirector.Redirects);
        Assert.Equal(125, floor.Redirects);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "out", "report.json")));
        var scenario = report.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(100, scenario.GetProperty("floor").GetProperty("requests").GetInt64());
        Assert.True(scenario.GetProperty("relativeGate").GetProperty("passed").GetBoolean());
        Assert.Contains("floor (bare app)", File.ReadAllText(Path.Combine(_work, "out", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowMomentInTheFirstMeasurementOnlyIsNotConfirmed()
    {
        var clock = new InstantClock();
        // Redirects 31–60 of the first measurement (after its 25 warm-up requests) take 5 ms; the second answers at once.
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(5), isSlow: n => n is > 30 and <= 60);
        using var floor = new FakeScanPipeline(clock, visibleAtPoll: null);

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, Environment(clock, redirector, floor), FloorRouter.FloorUrl, Gate);

        Assert.True(exitCode == LoadTestApp.Passed, output);
        Assert.Equal(250, redirector.Redirects);
        Assert.Matches(@"- redirect-hit: first p99 5\.00\d ms .*, second p99 0\.001 ms.*: not confirmed", File.ReadAllText(Path.Combine(_work, "out", "summary.md")));
    }

    [Fact]
    public async Task WithoutAFloorTheRelativeGateIsNotMeasuredAndSaysSo()
    {
        var clock = new InstantClock();
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null, redirectTime: TimeSpan.FromMilliseconds(5));

        var (exitCode, output) = await GateRun.RunAsync(_work, FakeScanPipeline.Url, new RunEnvironment(clock.Restarted, _ => redirector), relativeGate: Gate);

        Assert.True(exitCode == LoadTestApp.Passed, output);
        Assert.Contains("no --floor: the relative gates are not measured, only the hard gates", output, StringComparison.Ordinal);
    }

    private static RunEnvironment Environment(InstantClock clock, FakeScanPipeline redirector, FakeScanPipeline floor) =>
        new(clock.Restarted, _ => new FloorRouter(redirector, floor));

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
