using System.Text.Json;
using QrAspire.LoadTests.Tests.Harness;
using QrAspire.LoadTests.Tests.Scenarios;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// The whole harness with scan-lag, against an in-memory pipeline on a virtual clock: seeding one fresh code per
/// request, the gate on the lag, the reports.
/// </summary>
public sealed class ScanLagEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task EachScanLagRequestScansItsOwnFreshCodeAndAQuickPipelinePasses()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: 3);

        var (exitCode, output) = await RunAsync(pipeline, clock, scanLagGate: "5s");

        Assert.True(exitCode == LoadTestApp.Passed, output);
        // 3 shared codes + (0.5 s warm-up + 1 s) × 10/s = 15 fresh ones, each redirected once; the shared ones never.
        Assert.Equal(3 + 15, pipeline.Created);
        Assert.Equal(15, pipeline.Redirected);
        Assert.Contains("seeded 3 codes (+15 for scan-lag)", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "out", "report.json")));
        var summary = report.RootElement.GetProperty("scenarios")[0].GetProperty("summary");
        Assert.Equal(10, summary.GetProperty("requests").GetInt64());
        // Every measured request waited for its scan: seen at the third poll, two 20 ms poll intervals after its redirect.
        Assert.Equal(40, summary.GetProperty("percentiles")[0].GetProperty("latencyMs").GetDouble(), tolerance: 0.1);
        Assert.Equal(40, summary.GetProperty("maxMs").GetDouble(), tolerance: 0.1);
    }

    [Fact]
    public async Task ScansThatNeverShowFailTheRunNamingWhy()
    {
        var clock = new InstantClock();
        using var pipeline = new FakeScanPipeline(clock, visibleAtPoll: null);

        var (exitCode, output) = await RunAsync(pipeline, clock, scanLagGate: "300ms");

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("scan-lag: scan not visible within", output, StringComparison.Ordinal);
        Assert.Contains("load test lag: FAIL", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(FakeScanPipeline pipeline, InstantClock clock, string scanLagGate)
    {
        var profile = Path.Combine(_work, "lag.json");
        await File.WriteAllTextAsync(profile, $$"""
            {
              "codes": 3,
              "requestTimeout": "5s",
              "hardGates": { "scanLagP99": "{{scanLagGate}}" },
              "scenarios": [ { "name": "scan-lag", "rate": 10, "warmup": "0.5s", "duration": "1s", "pollInterval": "20ms" } ]
            }
            """);
        using var output = new StringWriter();
        var url = FakeScanPipeline.Url.ToString();

        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--api", url, "--redirector", url, "--out", Path.Combine(_work, "out")], output,
            new RunEnvironment(() => clock, _ => pipeline), CancellationToken.None);

        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
