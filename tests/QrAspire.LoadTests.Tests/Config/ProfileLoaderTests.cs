using QrAspire.LoadTests.Config;

namespace QrAspire.LoadTests.Tests.Config;

public sealed class ProfileLoaderTests
{
    private static string Profile(string scenarios, string gates = """{ "redirectP99": "100ms" }""") =>
        $$"""{ "hardGates": {{gates}}, "scenarios": [ {{scenarios}} ] }""";

    [Theory]
    [InlineData("ci")]
    [InlineData("full")]
    [InlineData("soak")]
    public void TheShippedProfilesAreValid(string name)
    {
        var profile = ProfileLoader.Load(Path.Combine(RepositoryRoot(), "loadtests", "profiles", name + ".json"));

        Assert.NotEmpty(profile.Scenarios);
        Assert.All(profile.Scenarios, s => Assert.True(s.Enabled, $"{s.Name}: {s.DisabledReason}"));
        Assert.Equal(TimeSpan.FromSeconds(5), profile.MemorySampleInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), profile.Gates.ScanLagP99);
    }

    [Theory]
    [InlineData("ci")]
    [InlineData("full")]
    public void TheCiAndFullProfilesRunEveryScenario(string name)
    {
        var profile = ProfileLoader.Load(Path.Combine(RepositoryRoot(), "loadtests", "profiles", name + ".json"));

        Assert.Equal(ScenarioName.Traffic.Order(StringComparer.Ordinal), profile.Scenarios.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheCiProfileLeavesRoomUnderFiveMinutesEndToEnd()
    {
        var profile = ProfileLoader.Load(Path.Combine(RepositoryRoot(), "loadtests", "profiles", "ci.json"));

        // Start-up (~25 s), seeding (~10 s) and stopping come on top of the load itself (the floor runs beside the
        // redirect scenarios, adding no time).
        var load = profile.Scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Warmup + s.Duration);
        Assert.InRange(load, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2.5));
    }

    [Fact]
    public void TheRedirectScenariosOfTheCiProfileHaveRelativeGates()
    {
        var profile = ProfileLoader.Load(Path.Combine(RepositoryRoot(), "loadtests", "profiles", "ci.json"));

        Assert.All(profile.Scenarios.Where(s => s.HasFloor), s => Assert.True(s.RelativeGate is { FloorFactor: >= 1 }, s.Name));
    }

    [Fact]
    public void ARelativeGateIsReadWithItsAllowance()
    {
        var profile = ProfileLoader.Parse(Profile("""{ "name": "redirect-hit", "rate": 100, "duration": "10s", "relativeGate": { "floorFactor": 2.5, "allowance": "500us" } }"""), "relative");

        var gate = Assert.Single(profile.Scenarios).RelativeGate!;
        Assert.Equal(2.5, gate.FloorFactor);
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), gate.Allowance);
        Assert.Equal(3.5, gate.LimitMs(1.2), precision: 6);
    }

    [Fact]
    public void ARelativeGateOutsideTheRedirectScenariosOrBelowTheFloorIsRefused()
    {
        var refused = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(Profile(
            """{ "name": "api-read", "rate": 100, "duration": "10s", "relativeGate": { "floorFactor": 3 } }, """ +
            """{ "name": "redirect-hit", "rate": 100, "duration": "10s", "relativeGate": { "floorFactor": 0.5, "allowance": "fast" } }"""), "relative"));

        Assert.Contains("profile relative: scenario api-read: relativeGate applies only to redirect-hit and redirect-miss (the scenarios measured beside the floor)", refused.Problems);
        Assert.Contains("profile relative: scenario redirect-hit: relativeGate.floorFactor must be a number of at least 1, got 0.5", refused.Problems);
        Assert.Contains(refused.Problems, p => p.StartsWith("profile relative: scenario redirect-hit: relativeGate.allowance: 'fast' is not a duration", StringComparison.Ordinal));
    }

    [Fact]
    public void ScanLagHasItsOwnGateAndPollInterval()
    {
        var profile = ProfileLoader.Parse(Profile("""{ "name": "scan-lag", "rate": 5, "duration": "10s", "pollInterval": "50ms", "target": { "p99": "2s" } }""",
            """{ "scanLagP99": "30s" }"""), "lag");

        var scenario = Assert.Single(profile.Scenarios);
        Assert.Equal(GateKind.ScanLag, scenario.Gate);
        Assert.Equal(TimeSpan.FromMilliseconds(50), scenario.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), profile.Gates.P99For(GateKind.ScanLag));
        Assert.Equal(TimeSpan.FromSeconds(2), scenario.Target!.P99);
    }

    [Fact]
    public void ScanLagPollsEvery25MillisecondsAndGatesAtAMinuteByDefault()
    {
        var profile = ProfileLoader.Parse(Profile("""{ "name": "scan-lag", "rate": 5, "duration": "10s" }, { "name": "analytics-query", "rate": 50, "duration": "10s" }"""), "lag");

        Assert.Equal(TimeSpan.FromMilliseconds(25), profile.Scenarios[0].PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), profile.Gates.ScanLagP99);
        Assert.Equal(GateKind.Request, profile.Scenarios[1].Gate);
        Assert.Equal(TimeSpan.Zero, profile.Scenarios[1].PollInterval);
    }

    [Fact]
    public void AValidProfileIsReadWithTheGatesAndTargets()
    {
        var profile = ProfileLoader.Parse(Profile("""{ "name": "redirect-hit", "rate": 500, "warmup": "2s", "duration": "1.5s", "target": { "p99": "250us" } }""",
            """{ "redirectP99": "50ms", "errorRate": "0.5%" }"""), "test");

        var scenario = Assert.Single(profile.Scenarios);
        Assert.Equal(500, scenario.Rate);
        Assert.Equal(TimeSpan.FromSeconds(1.5), scenario.Duration);
        Assert.Equal(GateKind.Redirect, scenario.Gate);
        Assert.Equal(TimeSpan.FromMicroseconds(250), scenario.Target!.P99);
        Assert.Equal(TimeSpan.FromMilliseconds(50), profile.Gates.RedirectP99);
        Assert.Equal(TimeSpan.FromSeconds(1), profile.Gates.RequestP99);
        Assert.Equal(0.005, profile.Gates.ErrorRate, tolerance: 1e-12);
    }

    [Theory]
    [InlineData("""{ "name": "redirect-everything", "rate": 5, "duration": "1s" }""", "unknown scenario 'redirect-everything'")]
    [InlineData("""{ "name": "api-read", "rate": 0, "duration": "1s" }""", "rate must be a positive number")]
    [InlineData("""{ "name": "api-read", "rate": -5, "duration": "1s" }""", "rate must be a positive number")]
    [InlineData("""{ "name": "api-read", "duration": "1s" }""", "rate must be a positive number")]
    [InlineData("""{ "name": "api-read", "rate": 5, "duration": "soon" }""", "duration: 'soon' is not a positive duration")]
    [InlineData("""{ "name": "api-read", "rate": 5, "duration": "1s", "target": { "p99": "fast" } }""", "target.p99: 'fast'")]
    [InlineData("""{ "name": "api-read", "rate": 5, "duration": "1s", "gate": "strict" }""", "gate 'strict'")]
    [InlineData("""{ "name": "scan-lag", "enabled": false }""", "disabled without a reason")]
    [InlineData("""{ "name": "scan-lag", "rate": 5, "duration": "1s", "pollInterval": "often" }""", "pollInterval: 'often' is not a positive duration")]
    [InlineData("""{ "name": "scan-lag", "rate": 5, "duration": "1s", "pollInterval": "1ms" }""", "pollInterval must be at least 5ms")]
    [InlineData("""{ "name": "api-read", "rate": 5, "duration": "1s", "pollInterval": "25ms" }""", "pollInterval applies only to scan-lag")]
    [InlineData("""{ "name": "analytics-query", "rate": -1, "duration": "1s" }""", "rate must be a positive number")]
    public void ABadScenarioIsRefusedWithAClearLine(string scenario, string expected)
    {
        var refused = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(Profile(scenario), "bad"));

        Assert.Contains(refused.Problems, line => line.StartsWith("profile bad: ", StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "redirectP99": "100 millis" }""", "hardGates.redirectP99: '100 millis'")]
    [InlineData("""{ "requestP99": "-1s" }""", "hardGates.requestP99: '-1s'")]
    [InlineData("""{ "errorRate": "0.1" }""", "hardGates.errorRate: '0.1'")]
    [InlineData("""{ "errorRate": "150%" }""", "hardGates.errorRate: '150%'")]
    [InlineData("""{ "scanLagP99": "a minute" }""", "hardGates.scanLagP99: 'a minute'")]
    public void AThresholdThatDoesNotParseIsRefused(string gates, string expected)
    {
        var refused = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(Profile("""{ "name": "api-read", "rate": 5, "duration": "1s" }""", gates), "bad"));

        Assert.Contains(refused.Problems, line => line.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AMisspeltKeyIsRefusedRatherThanIgnored()
    {
        var refused = Assert.Throws<ProfileException>(() => ProfileLoader.Parse("""{ "scenarios": [ { "name": "api-read", "rate": 5, "duraton": "1s" } ] }""", "typo"));

        Assert.Contains("duraton", Assert.Single(refused.Problems));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var refused = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(
            Profile("""{ "name": "nope", "rate": 5, "duration": "1s" }, { "name": "api-read", "rate": -1, "duration": "1s" }""", """{ "errorRate": "x" }"""), "bad"));

        Assert.Equal(3, refused.Problems.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5090/")]
    [InlineData("http://[::1]:8080")]
    public void LoopbackTargetsAreAccepted(string url) => Assert.True(LoopbackTarget.Parse("--api", url).IsLoopback);

    [Theory]
    [InlineData("http://example.com", "is not on loopback")]
    [InlineData("http://10.0.0.5:5080", "is not on loopback")]
    [InlineData("ftp://127.0.0.1", "is not an http(s) URL")]
    [InlineData("127.0.0.1:5080", "is not an http(s) URL")]
    public void ATargetOffLoopbackIsRefused(string url, string expected)
    {
        var refused = Assert.Throws<ProfileException>(() => LoopbackTarget.Parse("--api", url));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrAspire.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("QrAspire.slnx not found above the test binaries");
    }
}
