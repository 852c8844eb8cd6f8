using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using QrAspire.Redirector.Telemetry;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// Short code → <see cref="RedirectEntry"/> through HybridCache: L1 in memory (bounded), L2 in Redis, then the
/// database. HybridCache runs one database query for concurrent misses of the same code.
/// </summary>
public sealed class RedirectCache(HybridCache cache, MemoryCache memory, RedirectLookup lookup, RedirectorMetrics metrics, ILogger<RedirectCache> logger)
{
    /// <summary>Found codes: invalidation messages keep them fresh; the lifetimes bound a missed message.</summary>
    public static readonly HybridCacheEntryOptions FoundOptions = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(5) };

    /// <summary>Unknown codes: long enough to absorb a flood of the same code, short enough for a missed "created" message.</summary>
    public static readonly HybridCacheEntryOptions NotFoundOptions = new() { Expiration = TimeSpan.FromSeconds(10), LocalCacheExpiration = TimeSpan.FromSeconds(10) };

    private static readonly Func<(RedirectLookup Lookup, RedirectorMetrics Metrics, string Code), CancellationToken, ValueTask<RedirectEntry>> Load =
        static (state, cancellationToken) =>
        {
            state.Metrics.DatabaseQuery();
            return state.Lookup.FindAsync(state.Code, cancellationToken);
        };

    /// <summary>The answer for <paramref name="code"/>; completes synchronously on an L1 hit.</summary>
    public ValueTask<RedirectEntry> GetAsync(string code)
    {
        // No cancellation token: a caller that goes away must not cancel the query other callers joined.
        var pending = cache.GetOrCreateAsync(code, (lookup, metrics, code), Load, FoundOptions);
        if (pending.IsCompletedSuccessfully)
        {
            metrics.L1Hit();
            return pending;
        }

        metrics.L1Miss();
        return AfterMissAsync(code, pending);
    }

    private async ValueTask<RedirectEntry> AfterMissAsync(string code, ValueTask<RedirectEntry> pending)
    {
        var entry = await pending.ConfigureAwait(false);
        if (entry.State == RedirectState.NotFound && entry.ClaimNegativeTtl())
        {
            // GetOrCreateAsync stored it with the found-code lifetimes; overwrite both levels with the short one.
            _ = ForgetAsync(cache.SetAsync(code, entry, NotFoundOptions), logger);
        }

        return entry;
    }

    /// <summary>Forgets <paramref name="code"/> in L1 and L2 (an invalidation message).</summary>
    public ValueTask RemoveAsync(string code) => cache.RemoveAsync(code);

    /// <summary>
    /// Forgets everything: L1 is emptied, and every entry written before now — in L1 or L2 — is treated as stale
    /// by this process (HybridCache's wildcard tag), since messages may have been missed while disconnected.
    /// </summary>
    public async ValueTask InvalidateAllAsync()
    {
        memory.Clear();
        await cache.RemoveByTagAsync("*").ConfigureAwait(false);
    }

    private static async Task ForgetAsync(ValueTask task, ILogger logger)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.LogWarning(exception, "shortening the cache lifetime of an unknown code failed");
        }
    }
}
