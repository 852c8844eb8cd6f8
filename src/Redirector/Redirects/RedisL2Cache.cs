using Microsoft.Extensions.Caching.Distributed;
using QrAspire.Platform.Redirects;
using QrAspire.Redirector.Telemetry;
using StackExchange.Redis;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// HybridCache's L2: plain <c>GET</c>/<c>SET PX</c>/<c>DEL</c> on the shared multiplexer, keys prefixed with
/// <see cref="RedirectInvalidation.CacheKeyPrefix"/>. It fails fast: while Redis is away a read is a miss and a
/// write is skipped, so redirects go on from L1 or the database instead of waiting for Redis timeouts.
/// </summary>
internal sealed class RedisL2Cache(IConnectionMultiplexer redis, RedirectorMetrics metrics, ILogger<RedisL2Cache> logger) : IDistributedCache
{
    // A miss already costs a database query; a slow Redis must not add seconds on top.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(500);

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            metrics.L2Miss();
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(RedirectInvalidation.CacheKey(key)).WaitAsync(ReadTimeout, token).ConfigureAwait(false);
            if (value.IsNull)
            {
                metrics.L2Miss();
                return null;
            }

            metrics.L2Hit();
            return (byte[]?)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "L2 read of {short_code} failed", key);
            metrics.L2Miss();
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        var ttl = options?.AbsoluteExpirationRelativeToNow ?? TimeSpan.FromMinutes(5);
        try
        {
            await redis.GetDatabase().StringSetAsync(RedirectInvalidation.CacheKey(key), value, ttl).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "L2 write of {short_code} failed", key);
        }
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedirectInvalidation.CacheKey(key)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "L2 removal of {short_code} failed", key);
        }
    }
}
