namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// One small harness run (redirect-hit at 50/s with a 100 ms p99 gate and, when given, a relative gate; scan-lag
/// disabled) in a work folder; with <c>floor</c>, the run is given that URL as its floor.
/// </summary>
internal static class GateRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string work, Uri redirector, RunEnvironment environment, Uri? floor = null,
        string relativeGate = "")
    {
        var profile = Path.Combine(work, "e2e.json");
        var relative = relativeGate.Length == 0 ? "" : $", \"relativeGate\": {relativeGate}";
        await File.WriteAllTextAsync(profile, $$"""
            {
              "maxInFlight": 64,
              "requestTimeout": "5s",
              "hardGates": { "redirectP99": "100ms", "errorRate": "0.1%" },
              "scenarios": [
                { "name": "redirect-hit", "rate": 50, "warmup": "0.5s", "duration": "2s"{{relative}} },
                { "name": "scan-lag", "enabled": false, "reason": "needs the Worker" }
              ]
            }
            """);
        var codes = Path.Combine(work, "codes.txt");
        await File.WriteAllLinesAsync(codes, ["abc", "def", "ghi"]);
        using var output = new StringWriter();

        string[] floorOption = floor is null ? [] : ["--floor", floor.ToString()];
        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--redirector", redirector.ToString(), "--codes-file", codes, "--save-codes", Path.Combine(work, "saved-codes.txt"), "--out", Path.Combine(work, "out"),
             .. floorOption],
            output, environment, CancellationToken.None);

        return (exitCode, output.ToString());
    }

    /// <summary>summary.md, report.json and report.html of a passing run, and the codes it saved.</summary>
    public static void AssertTheThreeReports(string work, string output)
    {
        Assert.Contains("scan-lag: not run: needs the Worker", output, StringComparison.Ordinal);
        Assert.Contains("| redirect-hit |", File.ReadAllText(Path.Combine(work, "out", "summary.md")), StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(work, "out", "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("\"passed\": true", File.ReadAllText(Path.Combine(work, "out", "report.json")), StringComparison.Ordinal);
        Assert.Equal(["abc", "def", "ghi"], File.ReadAllLines(Path.Combine(work, "saved-codes.txt")));
    }
}
