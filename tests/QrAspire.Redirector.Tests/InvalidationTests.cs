using System.Net;
using QrAspire.Platform.Redirects;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// Changes reach every Redirector through their message, long before any cache would expire; a lost subscription
/// empties L1. How fast a change arrives (the one-second target) is measured by <see cref="InvalidationSpeedTests"/>.
/// </summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class InvalidationTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    /// <summary>
    /// Well inside the shortest cache expiry (10 s for an unknown code, 5 minutes in L1 for a known one): only the
    /// message can explain a change seen by then, on a machine as busy as it likes.
    /// </summary>
    internal static readonly TimeSpan OnItsMessage = TimeSpan.FromSeconds(5);
    private readonly TestCodes _codes = new(infrastructure);
    private RedirectorServer _first = null!;
    private RedirectorServer _second = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _first = await RedirectorServer.StartAsync(infrastructure);
        _second = await RedirectorServer.StartAsync(infrastructure);
        _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task UpdatedDestinationIsServedByBothRedirectorsOnItsMessage()
    {
        var code = await _codes.AddAsync("https://example.com/before");
        await WarmAsync(code, "https://example.com/before");

        // What the Api does: commit, then publish.
        await _codes.UpdateAsync(code, destination: "https://example.com/after");
        await Invalidate.PublishAsync(_redis, code);

        var first = RedirectorWaits.LocationAsync(_first, "/" + code, "https://example.com/after", OnItsMessage);
        var second = RedirectorWaits.LocationAsync(_second, "/" + code, "https://example.com/after", OnItsMessage);
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task PausingIsServedAsGoneByBothRedirectorsOnItsMessage()
    {
        var code = await _codes.AddAsync("https://example.com/pausable");
        await WarmAsync(code, "https://example.com/pausable");

        await _codes.UpdateAsync(code, status: 1);
        await Invalidate.PublishAsync(_redis, code);

        await Task.WhenAll(
            RedirectorWaits.StatusAsync(_first, "/" + code, HttpStatusCode.Gone, OnItsMessage),
            RedirectorWaits.StatusAsync(_second, "/" + code, HttpStatusCode.Gone, OnItsMessage));
    }

    [Fact]
    public async Task CodeCreatedAfterItWasLookedUpAsUnknownIsServedAfterItsMessage()
    {
        var code = TestCodes.NewCode("late");
        using (var unknown = await _first.GetAsync("/" + code))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        await _codes.AddAsync("https://example.com/late", shortCode: code);
        await Invalidate.PublishAsync(_redis, code);

        await RedirectorWaits.LocationAsync(_first, "/" + code, "https://example.com/late", OnItsMessage);
    }

    [Fact]
    public async Task FlushAllMessageMakesEveryCodeReadAgain()
    {
        var code = await _codes.AddAsync("https://example.com/flush-before");
        await WarmAsync(code, "https://example.com/flush-before");
        await _codes.UpdateAsync(code, destination: "https://example.com/flush-after");

        await Invalidate.PublishAsync(_redis, RedirectInvalidation.FlushAll);

        await Task.WhenAll(
            RedirectorWaits.LocationAsync(_first, "/" + code, "https://example.com/flush-after", OnItsMessage),
            RedirectorWaits.LocationAsync(_second, "/" + code, "https://example.com/flush-after", OnItsMessage));
    }

    [Fact]
    public async Task LostSubscriptionClearsTheMemoryCacheOnceRedisIsBack()
    {
        var code = await _codes.AddAsync("https://example.com/cached");
        await WarmAsync(code, "https://example.com/cached");

        // A change whose message this Redirector never gets (as if it was sent while the connection was down).
        await _codes.UpdateAsync(code, destination: "https://example.com/missed");
        using (var stale = await _first.GetAsync("/" + code))
        {
            Assert.Equal("https://example.com/cached", stale.Headers.Location?.OriginalString);
        }

        // Redis drops this Redirector's connections (as on a failover or a network blip); it reconnects by itself.
        var killed = await KillConnectionsAsync(_first.RedisClientName);
        Assert.True(killed > 0, "the Redirector's connections were found and killed");

        await RedirectorWaits.LocationAsync(_first, "/" + code, "https://example.com/missed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AChangeWhoseMessageWasLostWhileTheSubscriptionCameBackIsServedOnceItHolds()
    {
        await using var relay = RedisRelay.Start(infrastructure.RedisConnectionString, RedirectInvalidation.ChannelName);
        await using var redirector = await RedirectorServer.StartAsync(infrastructure, ("ConnectionStrings:redis", relay.ConnectionString));
        var code = await _codes.AddAsync("https://example.com/before-gap");
        var probe = await _codes.AddAsync("https://example.com/probe-0");
        await RedirectorWaits.LocationAsync(redirector, "/" + code, "https://example.com/before-gap", OnItsMessage);
        await RedirectorWaits.LocationAsync(redirector, "/" + probe, "https://example.com/probe-0", OnItsMessage);
        await _codes.UpdateAsync(probe, destination: "https://example.com/probe-1");
        await Invalidate.PublishAsync(_redis, probe);
        await RedirectorWaits.LocationAsync(redirector, "/" + probe, "https://example.com/probe-1", OnItsMessage);

        // The connections drop and come back at once; the re-subscription waits at the relay, longer than a few looks
        // at the connection: only a probe heard back, not the connection's state, says the subscription is back.
        relay.Hold();
        Assert.True(relay.Drop() > 0, "the Redirector's connections went through the relay");
        await relay.Held.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The flush on the restored connection has run once a change made without a message is served ...
        await _codes.UpdateAsync(probe, destination: "https://example.com/probe-2");
        await RedirectorWaits.LocationAsync(redirector, "/" + probe, "https://example.com/probe-2", OnItsMessage);

        // ... then a lookup caches the code again just before it changes, and the change's message is lost.
        using (var cached = await redirector.GetAsync("/" + code))
        {
            Assert.Equal("https://example.com/before-gap", cached.Headers.Location?.OriginalString);
        }

        await _codes.UpdateAsync(code, destination: "https://example.com/after-gap");
        await Invalidate.PublishAsync(_redis, code);
        relay.Release();

        // Only a flush after the subscription is back explains the change within this time (L1 keeps a code 5 minutes).
        await RedirectorWaits.LocationAsync(redirector, "/" + code, "https://example.com/after-gap", TimeSpan.FromSeconds(10));
    }

    private async Task WarmAsync(string code, string location)
    {
        foreach (var server in new[] { _first, _second })
        {
            using var response = await server.GetAsync("/" + code);
            Assert.Equal(location, response.Headers.Location?.OriginalString);
        }
    }

    private async Task<int> KillConnectionsAsync(string clientName)
    {
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        var list = (string?)await server.ExecuteAsync("CLIENT", "LIST") ?? "";
        var killed = 0;
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1].Trim());
            if (fields.GetValueOrDefault("name") == clientName && fields.TryGetValue("id", out var id))
            {
                await server.ExecuteAsync("CLIENT", "KILL", "ID", id);
                killed++;
            }
        }

        return killed;
    }
}
