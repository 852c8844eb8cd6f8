namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>The whole harness (profile → schedule → HTTP → gates → reports → exit code) against a tiny server.</summary>
public sealed class GateEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task ASlowEndpointFailsTheRedirectGate()
    {
        await using var server = await TinyRedirector.StartAsync(TimeSpan.FromMilliseconds(200));

        var (exitCode, output) = await RunAsync(server.Url);

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("load test e2e: FAIL", output, StringComparison.Ordinal);
        Assert.Contains("| redirect-hit |", File.ReadAllText(Path.Combine(_work, "out", "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFastEndpointPassesAndWritesTheThreeReports()
    {
        await using var server = await TinyRedirector.StartAsync(TimeSpan.Zero);

        var (exitCode, output) = await RunAsync(server.Url);

        Assert.True(exitCode == LoadTestApp.Passed, output);
        Assert.Contains("scan-lag: not run: needs the Worker", output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(_work, "out", "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("\"passed\": true", File.ReadAllText(Path.Combine(_work, "out", "report.json")), StringComparison.Ordinal);
        Assert.Equal(["abc", "def", "ghi"], File.ReadAllLines(Path.Combine(_work, "saved-codes.txt")));
    }

    [Fact]
    public async Task ATargetOffLoopbackIsRefusedBeforeAnyLoad()
    {
        var (exitCode, output) = await RunAsync(new Uri("http://192.0.2.1:5090"));

        Assert.Equal(LoadTestApp.Refused, exitCode);
        Assert.Contains("refused: --redirector: 'http://192.0.2.1:5090/' is not on loopback", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "out")));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Uri redirector)
    {
        var profile = Path.Combine(_work, "e2e.json");
        await File.WriteAllTextAsync(profile, """
            {
              "maxInFlight": 64,
              "requestTimeout": "5s",
              "hardGates": { "redirectP99": "100ms", "errorRate": "0.1%" },
              "scenarios": [
                { "name": "redirect-hit", "rate": 50, "warmup": "0.5s", "duration": "2s" },
                { "name": "scan-lag", "enabled": false, "reason": "needs the Worker" }
              ]
            }
            """);
        var codes = Path.Combine(_work, "codes.txt");
        await File.WriteAllLinesAsync(codes, ["abc", "def", "ghi"]);
        using var output = new StringWriter();

        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--redirector", redirector.ToString(), "--codes-file", codes, "--save-codes", Path.Combine(_work, "saved-codes.txt"), "--out", Path.Combine(_work, "out")], output, CancellationToken.None);

        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
