using System.Text.Json;
using QrAspire.LoadTests.Tests.Scenarios;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>The whole harness with scan-lag: seeding one fresh code per request, the gate on the lag, the reports.</summary>
public sealed class ScanLagEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task EachScanLagRequestScansItsOwnFreshCodeAndAQuickPipelinePasses()
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: TimeSpan.FromMilliseconds(100));

        var (exitCode, output) = await RunAsync(pipeline.Url, scanLagGate: "5s");

        Assert.True(exitCode == LoadTestApp.Passed, output);
        // 3 shared codes + (0.5 s warm-up + 1 s) × 10/s = 15 fresh ones, each redirected once; the shared ones never.
        Assert.Equal(3 + 15, pipeline.Created);
        Assert.Equal(15, pipeline.Redirected);
        Assert.Contains("seeded 3 codes (+15 for scan-lag)", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "out", "report.json")));
        var summary = report.RootElement.GetProperty("scenarios")[0].GetProperty("summary");
        Assert.Equal(10, summary.GetProperty("requests").GetInt64());
        // Every measured request waited for its scan: no latency below the pipeline's lag.
        Assert.InRange(summary.GetProperty("percentiles")[0].GetProperty("latencyMs").GetDouble(), 100, 2000);
    }

    [Fact]
    public async Task ScansThatNeverShowFailTheRunNamingWhy()
    {
        await using var pipeline = await FakeScanPipeline.StartAsync(lag: null);

        var (exitCode, output) = await RunAsync(pipeline.Url, scanLagGate: "300ms");

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("scan-lag: scan not visible within", output, StringComparison.Ordinal);
        Assert.Contains("load test lag: FAIL", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Uri url, string scanLagGate)
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

        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--api", url.ToString(), "--redirector", url.ToString(), "--out", Path.Combine(_work, "out")], output, CancellationToken.None);

        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
