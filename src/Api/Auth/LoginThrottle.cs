using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using QrAspire.Api.Middleware;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// Slows down password guessing. Every sign-in attempt takes one unit of two budgets before the password is checked:
/// one per (account, client address) and one per client address (IPv6 per /64). Each budget has a few free attempts
/// (<see cref="LoginBudgets"/>: 5 per account and address, 20 per address); the last free attempt starts a back-off
/// (1 s, 2 s, 4 s … 15 min), and beyond it an attempt goes through only when it takes the budget's back-off slot,
/// which one request at a time can hold — so parallel guesses cannot all reach the hash. The budgets are counted with INCR (atomic on every Redis, and on Garnet, which runs no Lua) and
/// kept for an hour after the last attempt. There is no budget per account alone: failures from other addresses
/// never lock the owner out of their own. A correct password gives its unit back and clears its (account, address)
/// budget; a completed password reset clears every budget of the account. Kept in Redis, so every Api replica shares
/// the counts. If Redis is away or slow, sign-in is not blocked (availability over throttling) — it is logged.
/// </summary>
internal sealed partial class LoginThrottle(IConnectionMultiplexer redis, LoginBudgets budgets, ILogger<LoginThrottle> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromMinutes(15);

    // An account's budgets live under a generation number that a password reset bumps, so a reset clears budgets at
    // every address without having to find them. Kept longer than any budget it names.
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromDays(2);

    /// <summary>Takes one attempt from the budgets; null when the password may be checked, else how long to wait.</summary>
    public async Task<TimeSpan?> TryBeginAsync(string normalizedEmail, IPAddress? address)
    {
        try
        {
            var database = redis.GetDatabase();
            var keys = await KeysAsync(database, normalizedEmail, address);
            var pairCount = CountAsync(database, keys.PairCount);
            var addressCount = CountAsync(database, keys.AddressCount);

            // The address first: an attempt it refuses must not take the pair's back-off slot.
            return await SlotAsync(database, keys.AddressLock, await addressCount, budgets.PerAddress)
                ?? await SlotAsync(database, keys.PairLock, await pairCount, budgets.PerAccountAddress);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(logger, exception);
            return null;
        }
    }

    /// <summary>The password was right: its unit goes back to the address, and the (account, address) budget is cleared.</summary>
    public async Task SucceededAsync(string normalizedEmail, IPAddress? address)
    {
        try
        {
            var database = redis.GetDatabase();
            var keys = await KeysAsync(database, normalizedEmail, address);
            await Task.WhenAll(database.KeyDeleteAsync(keys.PairCount), database.KeyDeleteAsync(keys.PairLock));
            if (await database.StringDecrementAsync(keys.AddressCount) <= 0)
            {
                // The count expired meanwhile: a key made by DECR would have no expiry.
                await database.KeyDeleteAsync(keys.AddressCount);
            }
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(logger, exception);
        }
    }

    /// <summary>A password reset completed: every budget of the account, and that of the address it came from, start afresh.</summary>
    public async Task ClearAsync(string normalizedEmail, IPAddress? address)
    {
        try
        {
            var database = redis.GetDatabase();
            var generation = GenerationKey(normalizedEmail);
            await database.StringIncrementAsync(generation);
            await database.KeyExpireAsync(generation, GenerationLifetime);
            var subject = Subject(RateLimitBudget.Network(address));
            await Task.WhenAll(database.KeyDeleteAsync(Key("count", "ip", subject)), database.KeyDeleteAsync(Key("lock", "ip", subject)));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogUnavailable(logger, exception);
        }
    }

    // One key per transaction: the keys of an attempt live in different Redis Cluster slots, and a cluster refuses a
    // transaction or a multi-key command across slots. The count and its expiry stay atomic, which is what matters.
    private static async Task<long> CountAsync(IDatabase database, RedisKey key)
    {
        var transaction = database.CreateTransaction();
        var count = transaction.StringIncrementAsync(key);
        _ = transaction.KeyExpireAsync(key, Window);
        await transaction.ExecuteAsync();
        return await count;
    }

    private static async Task<TimeSpan?> SlotAsync(IDatabase database, RedisKey lockKey, long attempts, int free)
    {
        if (attempts < free)
        {
            return null;
        }

        // The last free attempt and each one after it hold the slot for the next back-off step: 1 s, 2 s, 4 s …
        var backOff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempts - free, 30)), LongestBackOff.TotalSeconds));
        if (await database.StringSetAsync(lockKey, "1", backOff, When.NotExists) || attempts == free)
        {
            return null;
        }

        var left = await database.KeyTimeToLiveAsync(lockKey);
        return left is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    private static async Task<Keys> KeysAsync(IDatabase database, string normalizedEmail, IPAddress? address)
    {
        var generation = (long?)await database.StringGetAsync(GenerationKey(normalizedEmail)) ?? 0;
        var ip = Subject(RateLimitBudget.Network(address));
        var pair = $"{Subject(normalizedEmail)}:{generation.ToString(CultureInfo.InvariantCulture)}:{ip}";
        return new(Key("count", "pair", pair), Key("lock", "pair", pair), Key("count", "ip", ip), Key("lock", "ip", ip));
    }

    // E-mail and client addresses are hashed: Redis keys (and Redis's snapshots on disk) should not hold personal data.
    private static string Subject(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static RedisKey GenerationKey(string normalizedEmail) => $"qraspire:login:generation:{Subject(normalizedEmail)}";

    private static RedisKey Key(string what, string kind, string subject) => $"qraspire:login:{what}:{kind}:{subject}";

    private sealed record Keys(RedisKey PairCount, RedisKey PairLock, RedisKey AddressCount, RedisKey AddressLock);

    [LoggerMessage(EventId = 1100, EventName = "login_throttle_unavailable", Level = LogLevel.Warning, Message = "login throttling skipped: Redis unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
