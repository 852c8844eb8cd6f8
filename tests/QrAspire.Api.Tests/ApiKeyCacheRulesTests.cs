extern alias api;

using ApiKeyCache = api::QrAspire.Api.Auth.ApiKeyCache;
using ValidApiKey = api::QrAspire.Api.Auth.ValidApiKey;

namespace QrAspire.Api.Tests;

/// <summary>
/// The cache's own rules, on a clock the test moves: nothing is kept while the replica is not listening, an answer
/// read before a clear is not kept after it, an entry ends with its lifetime, and the cache has a bound.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class ApiKeyCacheRulesTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void NothingIsKeptWhileTheReplicaIsNotListening()
    {
        var cache = new ApiKeyCache(_clock);

        cache.Add("h", Key(), cache.Generation);

        Assert.Null(cache.Find("h"));
        cache.StartListening();
        cache.Add("h", Key(), cache.Generation);
        Assert.NotNull(cache.Find("h"));
        cache.StopListening();
        Assert.Null(cache.Find("h"));
    }

    [Fact]
    public void AnAnswerReadBeforeAClearIsNotKeptAfterIt()
    {
        var cache = Listening();
        var before = cache.Generation;

        cache.Clear();
        cache.Add("h", Key(), before);

        Assert.Null(cache.Find("h"));
        cache.Add("h", Key(), cache.Generation);
        Assert.NotNull(cache.Find("h"));
    }

    [Fact]
    public void AnEntryEndsWithItsLifetime()
    {
        var cache = Listening();
        cache.Add("h", Key(), cache.Generation);

        _clock.Advance(ApiKeyCache.Lifetime);
        Assert.NotNull(cache.Find("h"));
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(cache.Find("h"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ItHoldsAtMostItsBound()
    {
        var cache = Listening();

        for (var i = 0; i <= ApiKeyCache.MaxEntries; i++)
        {
            cache.Add($"h{i}", Key(), cache.Generation);
        }

        Assert.Equal(ApiKeyCache.MaxEntries, cache.Count);
        Assert.Null(cache.Find($"h{ApiKeyCache.MaxEntries}"));
    }

    [Fact]
    public void OneCallerAMinuteRecordsAUse()
    {
        var now = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);
        var key = new ValidApiKey("key", "ws", "acc", "codes:read", now.AddSeconds(-30), 0);

        Assert.False(key.ClaimUseRecord(now, TimeSpan.FromMinutes(1)));
        Assert.True(key.ClaimUseRecord(now.AddSeconds(31), TimeSpan.FromMinutes(1)));
        Assert.False(key.ClaimUseRecord(now.AddSeconds(32), TimeSpan.FromMinutes(1)));
    }

    private ApiKeyCache Listening()
    {
        var cache = new ApiKeyCache(_clock);
        cache.StartListening();
        return cache;
    }

    private ValidApiKey Key() => new("key", "ws", "acc", "codes:read", null, _clock.GetTimestamp());

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
