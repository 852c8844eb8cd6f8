using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace QrAspire.Redirector.Protection;

/// <summary>
/// Counts password guesses per code and client address, and per code from everyone, in one-minute windows shared by
/// every Redirector through Redis. While Redis is away each Redirector counts on its own, so the limits then hold
/// per replica (at most replicas × the limit guesses a minute).
/// </summary>
public sealed partial class GuessThrottle(IConnectionMultiplexer redis, ProtectionSettings settings, TimeProvider clock, ILogger<GuessThrottle> logger)
{
    private const int WindowMs = 60_000;
    private const int MaxLocalWindows = 100_000;

    private readonly ConcurrentDictionary<string, LocalWindow> _local = new(StringComparer.Ordinal);

    /// <summary>Counts one guess at the code <paramref name="code"/> (its id: unique across domains); zero when it may be checked, else how long to wait.</summary>
    public async ValueTask<TimeSpan> CountAsync(string code, IPAddress? client)
    {
        var address = AddressKey(client);
        var addressKey = $"qr:pw:{{{code}}}:a:{address}";
        var codeKey = $"qr:pw:{{{code}}}:c";
        if (redis.IsConnected)
        {
            try
            {
                return await CountInRedisAsync(redis.GetDatabase(), addressKey, codeKey).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogRedisFailed(logger, exception);
            }
        }

        var now = clock.GetTimestamp();
        var wait = Math.Max(CountLocally(addressKey, settings.AttemptsPerAddress, now), CountLocally(codeKey, settings.AttemptsPerCode, now));
        return TimeSpan.FromMilliseconds(wait);
    }

    // Plain commands, no script: the embedded Garnet runs without Lua. A window starts with its first guess (INCR
    // answers 1, then PEXPIRE); a key found without an expiry (its PEXPIRE lost to a crash) is given one when read.
    private async Task<TimeSpan> CountInRedisAsync(IDatabase database, string addressKey, string codeKey)
    {
        var byAddress = database.StringIncrementAsync(addressKey);
        var byCode = database.StringIncrementAsync(codeKey);
        var wait = Math.Max(await WaitAsync(database, addressKey, await byAddress.ConfigureAwait(false), settings.AttemptsPerAddress).ConfigureAwait(false),
            await WaitAsync(database, codeKey, await byCode.ConfigureAwait(false), settings.AttemptsPerCode).ConfigureAwait(false));
        return TimeSpan.FromMilliseconds(wait);
    }

    private static async Task<long> WaitAsync(IDatabase database, string key, long count, int limit)
    {
        if (count == 1)
        {
            await database.KeyExpireAsync(key, TimeSpan.FromMilliseconds(WindowMs)).ConfigureAwait(false);
        }

        if (count <= limit)
        {
            return 0;
        }

        if (await database.KeyTimeToLiveAsync(key).ConfigureAwait(false) is { } left)
        {
            return Math.Max(1, (long)left.TotalMilliseconds);
        }

        await database.KeyExpireAsync(key, TimeSpan.FromMilliseconds(WindowMs)).ConfigureAwait(false);
        return WindowMs;
    }

    // IPv6 hosts get a /64 each: one subscriber holds the whole prefix and could otherwise rotate through it.
    private static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private long CountLocally(string key, int limit, long now)
    {
        if (_local.Count > MaxLocalWindows)
        {
            foreach (var (staleKey, window) in _local)
            {
                if (clock.GetElapsedTime(window.Started, now).TotalMilliseconds >= WindowMs)
                {
                    _local.TryRemove(staleKey, out _);
                }
            }
        }

        var current = _local.AddOrUpdate(key, static (_, t) => new LocalWindow(t, 1),
            (_, window, t) => clock.GetElapsedTime(window.Started, t).TotalMilliseconds >= WindowMs ? new LocalWindow(t, 1) : window with { Count = window.Count + 1 }, now);
        if (current.Count <= limit)
        {
            return 0;
        }

        return Math.Max(1, WindowMs - (long)clock.GetElapsedTime(current.Started, now).TotalMilliseconds);
    }

    /// <summary>Seconds for <c>Retry-After</c>, rounded up and at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private readonly record struct LocalWindow(long Started, int Count);

    [LoggerMessage(EventId = 40, EventName = "guess_throttle_local", Level = LogLevel.Warning, Message = "counting password guesses in Redis failed; counting in this process")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception);
}
