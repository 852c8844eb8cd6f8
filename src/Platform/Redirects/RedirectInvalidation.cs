using StackExchange.Redis;

namespace QrAspire.Platform.Redirects;

/// <summary>
/// How a change to a short code reaches every Redirector within a second. After each database commit that changes
/// a dynamic code's destination, redirect status, status (pause/resume), expiry or deletion — and after creating
/// one, which may replace a cached "unknown code" — the Api publishes the code through
/// <see cref="RedirectInvalidator"/>. Every Redirector is subscribed to <see cref="ChannelName"/> and, per message,
/// removes the code from its memory cache (L1) and from the shared Redis cache (L2); the Api does not touch the cache
/// keys itself.
/// </summary>
/// <remarks>
/// Pub/sub is fire-and-forget: a Redirector that was disconnected when a message went out misses it, so each
/// Redirector invalidates everything it cached whenever its Redis connection comes back, and again once a probe shows
/// its subscription delivers (<see cref="Invalidation.InvalidationSubscription.WatchAsync"/>). A publish that fails
/// (Redis down) is retried by <see cref="RedirectInvalidator"/> once Redis is back; until then the old entry can be
/// served from L2 for at most its lifetime (see docs/redirector.md).
/// </remarks>
public static class RedirectInvalidation
{
    /// <summary>The pub/sub channel; each message is one short code, or <see cref="FlushAll"/>.</summary>
    public const string ChannelName = "qraspire:redirects:invalidate";

    /// <summary>The message that invalidates every cached code on every Redirector (never a valid short code).</summary>
    public const string FlushAll = "*";

    /// <summary>The message that tells every Redirector the set of verified branded domains changed (never a valid short code).</summary>
    public const string DomainsChanged = "@domains";

    /// <summary>
    /// A code's cache key and invalidation message: the short code alone on the service's own host,
    /// <c>{domainId}/{shortCode}</c> on a branded domain, so the same short code on two domains never shares an entry
    /// ('/' occurs in neither part).
    /// </summary>
    public static string KeyOf(string? domainId, string shortCode) => domainId is null ? shortCode : string.Concat(domainId, "/", shortCode);

    /// <summary>Prefix of the Redirector's shared (L2) cache entries in Redis: <c>qraspire:redirect:{code}</c>.</summary>
    public const string CacheKeyPrefix = "qraspire:redirect:";

    /// <summary>The channel as StackExchange.Redis wants it (a literal, not a pattern).</summary>
    public static RedisChannel Channel { get; } = RedisChannel.Literal(ChannelName);

    /// <summary>
    /// The Redis key of a code's L2 entry. Its value is the Redirector's own cache framing, not a public format:
    /// other services may delete the key but should not write it.
    /// </summary>
    public static string CacheKey(string shortCode) => CacheKeyPrefix + shortCode;
}
