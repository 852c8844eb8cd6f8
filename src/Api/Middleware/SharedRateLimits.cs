using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QrAspire.Api.Auth;
using StackExchange.Redis;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Rate-limit budgets every Api replica shares, counted in Redis as a sliding window: a counter per budget and
/// minute (<c>INCR</c> with a two-minute expiry), the previous minute's count weighted by how much of it is still
/// inside the last 60 s. Plain commands, pipelined into one round trip, no Lua: the embedded Redis-protocol server
/// runs without scripting, and the same code must count there. A refused request gives its permits back
/// (<c>DECR</c>), so a client that keeps knocking is let in again as soon as its window has room.
/// Keys hold a keyed hash of the budget, never a client address.
/// </summary>
internal sealed partial class SharedRateLimits(IConnectionMultiplexer redis, JwtSettings jwt, TimeProvider clock, ILogger<SharedRateLimits> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const string Prefix = "qraspire:ratelimit:";

    // A rate-limit check must never cost a request seconds: past this, Redis counts as away.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    // Keyed with a value derived from the JWT key, which every replica has: the same budget maps to the same key on
    // every replica, and a Redis snapshot cannot be turned back into addresses by hashing all 2^32 of them.
    private readonly byte[] _hashKey = SHA256.HashData([.. Encoding.UTF8.GetBytes("qraspire rate-limit keys\n"), .. jwt.Secret]);

    /// <summary>
    /// Takes one request from each of <paramref name="budgets"/>: <see cref="TimeSpan.Zero"/> when all had room,
    /// the wait until they would when one had not (nothing is taken then), null when Redis cannot answer.
    /// </summary>
    public async ValueTask<TimeSpan?> TryTakeAsync(IReadOnlyList<RateLimitBudget> budgets)
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)Window.TotalMilliseconds;
        var (index, elapsed) = Math.DivRem(now, window);
        var database = redis.GetDatabase();
        var keys = new RedisKey[budgets.Count];
        var counts = new Task<long>[budgets.Count];
        var previous = new Task<RedisValue>[budgets.Count];
        for (var i = 0; i < budgets.Count; i++)
        {
            var key = Prefix + Hash(budgets[i].Key) + ":";
            keys[i] = key + index.ToString(CultureInfo.InvariantCulture);
            counts[i] = database.StringIncrementAsync(keys[i]);
            _ = database.KeyExpireAsync(keys[i], 2 * Window, CommandFlags.FireAndForget);
            previous[i] = database.StringGetAsync(key + (index - 1).ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            await Task.WhenAll([.. counts, .. previous]).WaitAsync(MaxWait).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(logger, exception);
            return null;
        }

        var wait = TimeSpan.Zero;
        for (var i = 0; i < budgets.Count; i++)
        {
            var taken = counts[i].Result;
            var before = previous[i].Result.TryParse(out long count) ? count : 0;
            var left = WaitFor(budgets[i].Limit, before, taken - 1, elapsed, window);
            wait = left > wait ? left : wait;
        }

        if (wait > TimeSpan.Zero)
        {
            foreach (var key in keys)
            {
                _ = database.StringDecrementAsync(key, flags: CommandFlags.FireAndForget);
            }
        }

        return wait;
    }

    /// <summary>
    /// How long until one more request fits a budget of <paramref name="limit"/> a minute, given the previous
    /// window's count, the current window's count before this request, and how far into the current window we are.
    /// Zero when it fits now.
    /// </summary>
    internal static TimeSpan WaitFor(int limit, long previous, long current, long elapsed, long window)
    {
        double Estimate(long previousCount, long currentCount, long at) => (previousCount * (double)(window - at) / window) + currentCount;
        if (Estimate(previous, current, elapsed) + 1 <= limit)
        {
            return TimeSpan.Zero;
        }

        // Later in this window the previous one weighs less; failing that, in the next window this one weighs less.
        long at;
        if (current + 1 <= limit && previous > 0)
        {
            at = (long)Math.Ceiling(window * (1 - ((limit - current - 1) / (double)previous)));
            return TimeSpan.FromMilliseconds(Math.Max(1, at - elapsed));
        }

        at = (long)Math.Ceiling(window * (1 - ((limit - 1) / (double)Math.Max(1, current))));
        return TimeSpan.FromMilliseconds(window - elapsed + Math.Max(0, at));
    }

    private string Hash(string budget)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(budget), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    [LoggerMessage(EventId = 429, EventName = "rate_limits_unshared", Level = LogLevel.Warning,
        Message = "Redis cannot count rate limits; each replica counts its own until it is back")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
