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
        Assert.All(profile.Scenarios.Where(s => !s.Enabled), s => Assert.Contains("issue 6", s.DisabledReason));
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
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrAspire.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("QrAspire.sln not found above the test binaries");
    }
}
