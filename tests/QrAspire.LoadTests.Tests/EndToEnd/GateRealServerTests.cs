using Xunit.Abstractions;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// The run of <see cref="GateEndToEndTests"/> at real speed, against a tiny Kestrel server on 127.0.0.1 and the
/// monotonic clock. Whether 50 req/s stay under a 100 ms p99 depends on how busy the machine is, so this is a
/// measurement, run by hand (<c>dotnet test tests/QrAspire.LoadTests.Tests --filter Tier=Benchmark</c>); its report
/// is printed to the test output.
/// </summary>
[Trait("Tier", "Benchmark")] // a measurement, not a check: scripts/test.sh leaves it out
public sealed class GateRealServerTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-loadtest-").FullName;

    [Fact]
    public async Task ARealSlowEndpointFailsTheRedirectGate()
    {
        await using var server = await TinyRedirector.StartAsync(TimeSpan.FromMilliseconds(200));

        var (exitCode, output) = await GateRun.RunAsync(_work, server.Url, RunEnvironment.Real);
        log.WriteLine(output);

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
    }

    [Fact]
    public async Task ARealFastEndpointPassesAndWritesTheThreeReports()
    {
        await using var server = await TinyRedirector.StartAsync(TimeSpan.Zero);

        var (exitCode, output) = await GateRun.RunAsync(_work, server.Url, RunEnvironment.Real);
        log.WriteLine(output);

        Assert.True(exitCode == LoadTestApp.Passed, output);
        GateRun.AssertTheThreeReports(_work, output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
