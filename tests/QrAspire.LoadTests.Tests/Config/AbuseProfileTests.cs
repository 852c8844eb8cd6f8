using QrAspire.LoadTests.Config;

namespace QrAspire.LoadTests.Tests.Config;

/// <summary>The abuse and slow-client scenarios: groups, their options, and the profiles that ship with them.</summary>
public sealed class AbuseProfileTests
{
    private static string Profile(string scenarios, string gates = """{ "redirectP99": "100ms" }""") =>
        $$"""{ "hardGates": {{gates}}, "scenarios": [ {{scenarios}} ] }""";

    private static string[] Refusals(string json) => Assert.Throws<ProfileException>(() => ProfileLoader.Parse(json, "bad")).Problems.ToArray();

    [Theory]
    [InlineData("abuse")]
    [InlineData("abuse-full")]
    [InlineData("slow-clients")]
    public void TheShippedAbuseProfilesAreValidAndRunAsOneGroup(string name)
    {
        var profile = ProfileLoader.Load(Path.Combine(ProfileLoaderTests.RepositoryRoot(), "loadtests", "profiles", name + ".json"));

        Assert.Single(profile.Scenarios.Select(s => s.Group).Distinct());
        Assert.NotNull(profile.Scenarios[0].Group);
        Assert.Contains(profile.Scenarios, s => s.Name == ScenarioName.RedirectHit);
        Assert.Equal(0, profile.Gates.ErrorRate);
    }

    [Fact]
    public void TheAbuseBurstAsksTheMaximumAndGatesHealth()
    {
        var profile = ProfileLoader.Load(Path.Combine(ProfileLoaderTests.RepositoryRoot(), "loadtests", "profiles", "abuse.json"));

        Assert.Equal(RenderShape.AnonymousMaximum, profile.Scenarios.Single(s => s.Name == ScenarioName.RenderAnonymous).Render);
        Assert.Equal(RenderShape.Maximum, profile.Scenarios.Single(s => s.Name == ScenarioName.RenderSignedIn).Render);
        var bulk = profile.Scenarios.Single(s => s.Name == ScenarioName.Bulk);
        Assert.Equal(15, bulk.Schedule(profile.MaxInFlight).TotalRequests);
        Assert.Equal(5, bulk.Bulk!.Accounts);
        Assert.Equal(GateKind.Health, profile.Scenarios.Single(s => s.Name == ScenarioName.Health).Gate);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), profile.Gates.HealthP99); // CI's alert line; abuse-full keeps 250 ms
        var full = ProfileLoader.Load(Path.Combine(ProfileLoaderTests.RepositoryRoot(), "loadtests", "profiles", "abuse-full.json"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), full.Gates.HealthP99);
        // Start-up and seeding take about a minute; the burst must leave CI's run under three.
        var longest = profile.Scenarios.Max(s => s.Warmup + s.Duration);
        Assert.InRange(longest, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void TheHostileScenariosReportLatencyAndGateOnlyErrors()
    {
        var profile = ProfileLoader.Parse(Profile("""
            { "name": "render-anonymous", "rate": 5, "duration": "1s" },
            { "name": "bulk", "rate": 1, "duration": "1s" },
            { "name": "slow-headers", "rate": 1, "duration": "1s" },
            { "name": "health", "rate": 1, "duration": "1s" }
            """), "hostile");

        Assert.Equal([GateKind.None, GateKind.None, GateKind.None, GateKind.Health], profile.Scenarios.Select(s => s.Gate));
        Assert.False(HardGates.HasLatencyGate(GateKind.None));
        var bulk = profile.Scenarios[1];
        Assert.Equal(new BulkShape(5, 20, "png", TimeSpan.FromSeconds(120)), bulk.Bulk);
        Assert.Equal(TimeSpan.FromMilliseconds(500), bulk.PollInterval);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)), (profile.Scenarios[2].Hold, profile.Scenarios[2].Trickle));
    }

    [Fact]
    public void AGroupSplitByAnotherScenarioIsRefused()
    {
        var problems = Refusals(Profile("""
            { "name": "redirect-hit", "group": "abuse", "rate": 5, "duration": "1s" },
            { "name": "api-read", "rate": 5, "duration": "1s" },
            { "name": "health", "group": "abuse", "rate": 5, "duration": "1s" }
            """));

        Assert.Contains(problems, p => p.Contains("group 'abuse': its scenarios must follow one another", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "api-read", "rate": 5, "duration": "1s", "render": { "size": 512 } }""", "render applies only to")]
    [InlineData("""{ "name": "render-anonymous", "rate": 5, "duration": "1s", "render": { "size": 8192 } }""", "render.size must be from 64 to 4096")]
    [InlineData("""{ "name": "render-signed-in", "rate": 5, "duration": "1s", "render": { "format": "gif" } }""", "render.format 'gif'")]
    [InlineData("""{ "name": "bulk", "rate": 5, "duration": "1s", "bulk": { "accounts": 0 } }""", "bulk.accounts must be from 1 to 100")]
    [InlineData("""{ "name": "bulk", "rate": 5, "duration": "1s", "bulk": { "timeout": "soon" } }""", "bulk.timeout: 'soon'")]
    [InlineData("""{ "name": "idle-connections", "rate": 5, "duration": "1s", "trickle": "1s" }""", "hold and trickle apply only to")]
    [InlineData("""{ "name": "slow-bodies", "rate": 5, "duration": "1s", "maxInFlight": 0 }""", "maxInFlight must be positive")]
    [InlineData("""{ "name": "health", "rate": 5, "duration": "1s", "gate": "fast" }""", "gate 'fast' is not one of")]
    public void AMistakenAbuseOptionIsRefusedNamingIt(string scenario, string expected)
    {
        Assert.Contains(Refusals(Profile(scenario)), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AScenarioMayRaiseItsOwnInFlightCap()
    {
        var profile = ProfileLoader.Parse(Profile("""{ "name": "idle-connections", "rate": 1000, "duration": "10s", "maxRequests": 10000, "maxInFlight": 2000 }"""), "idle");

        Assert.Equal(2000, profile.Scenarios[0].Schedule(profile.MaxInFlight).MaxInFlight);
        Assert.Equal(10_000, profile.Scenarios[0].Schedule(profile.MaxInFlight).TotalRequests);
    }
}
