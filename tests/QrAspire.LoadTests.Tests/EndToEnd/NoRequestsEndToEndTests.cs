using QrAspire.LoadTests.Tests.Harness;
using QrAspire.LoadTests.Tests.Scenarios;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>A run proves nothing about a scenario that sent no requests: an enabled one that executed none fails it.</summary>
public sealed class NoRequestsEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task AnEnabledScenarioThatExecutesNoRequestsFailsTheRun()
    {
        // One request in all (0.1/s over 2 s), due at 0 s, inside the warm-up: nothing is measured.
        var (exitCode, output) = await RunAsync("""{ "name": "redirect-hit", "rate": 0.1, "warmup": "1s", "duration": "1s" }""");

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("| redirect-hit | 0 | 0 | 0 |", output, StringComparison.Ordinal);
        Assert.Contains("| FAIL: no requests executed |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnabledScenarioThatCannotRunFailsTheRunNamingWhatItNeeds()
    {
        var (exitCode, output) = await RunAsync("""{ "name": "redirect-hit", "rate": 50, "duration": "1s" }, { "name": "api-read", "rate": 50, "duration": "1s" }""");

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains("api-read: FAIL: enabled but not run: needs --api (codes seeded through the Api)", output, StringComparison.Ordinal);
        Assert.Contains("load test none: FAIL", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string scenarios)
    {
        var profile = Path.Combine(_work, "none.json");
        await File.WriteAllTextAsync(profile, $$"""{ "hardGates": { "redirectP99": "100ms" }, "scenarios": [ {{scenarios}} ] }""");
        var codes = Path.Combine(_work, "codes.txt");
        await File.WriteAllLinesAsync(codes, ["abc"]);
        var clock = new InstantClock();
        using var redirector = new FakeScanPipeline(clock, visibleAtPoll: null);
        using var output = new StringWriter();

        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--redirector", FakeScanPipeline.Url.ToString(), "--codes-file", codes, "--out", Path.Combine(_work, "out")],
            output, new RunEnvironment(clock.Restarted, _ => redirector), CancellationToken.None);

        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
