using QrAspire.Platform.Redirects;
using QrAspire.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// The one-second target for a change to reach the Redirectors, measured: twenty updates, each published as the Api
/// does, timed until both Redirectors serve the new destination. A measurement of this machine at this moment, so it
/// is in the benchmark tier (<c>QRASPIRE_TEST_MODE=embedded dotnet test tests/QrAspire.Redirector.Tests --filter
/// Tier=Benchmark</c>); that a change arrives by its message at all is checked by <see cref="InvalidationTests"/>.
/// </summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Benchmark")] // a measurement, not a check: scripts/test.sh leaves it out
public sealed class InvalidationSpeedTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    private const int Changes = 20;

    [Fact]
    public async Task AChangeReachesBothRedirectorsWithinOneSecond()
    {
        var codes = new TestCodes(infrastructure);
        await using var first = await RedirectorServer.StartAsync(infrastructure);
        await using var second = await RedirectorServer.StartAsync(infrastructure);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var code = await codes.AddAsync("https://example.com/speed-0");
        var times = new List<double>();

        for (var i = 1; i <= Changes; i++)
        {
            var destination = $"https://example.com/speed-{i}";
            await codes.UpdateAsync(code, destination: destination);
            await Invalidate.PublishAsync(redis, code);
            var both = await Task.WhenAll(
                RedirectorWaits.LocationAsync(first, "/" + code, destination, InvalidationTests.OnItsMessage),
                RedirectorWaits.LocationAsync(second, "/" + code, destination, InvalidationTests.OnItsMessage));
            times.Add(both.Max().TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"{infrastructure.Mode}: a change reached both Redirectors in p50 {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over {Changes} changes");
        Assert.True(times[^1] <= 1_000, $"a change took {times[^1]:F0} ms");
    }
}
