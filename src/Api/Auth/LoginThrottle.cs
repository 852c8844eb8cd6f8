using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// Slows down password guessing per account and per client IP: after a few failures within 15 minutes each further
/// failure locks sign-in for twice as long as the last (1 s, 2 s, 4 s … 15 min). Kept in Redis so every Api replica
/// sees the same counts. If Redis is away, sign-in is not blocked (availability over throttling) — it is logged.
/// </summary>
internal sealed partial class LoginThrottle(IConnectionMultiplexer redis, ILogger<LoginThrottle> logger)
{
    private const int AccountThreshold = 5;
    private const int AddressThreshold = 20;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long sign-in is locked for this e-mail or this address, or null.</summary>
    public async Task<TimeSpan?> LockedForAsync(string normalizedEmail, string address)
    {
        try
        {
            var database = redis.GetDatabase();
            var account = await database.KeyTimeToLiveAsync(LockKey("acct", Subject(normalizedEmail)));
            var ip = await database.KeyTimeToLiveAsync(LockKey("ip", address));
            var longest = new[] { account, ip }.Max();
            return longest is { } wait && wait > TimeSpan.Zero ? wait : null;
        }
        catch (RedisException exception)
        {
            LogUnavailable(logger, exception);
            return null;
        }
    }

    public async Task RecordFailureAsync(string normalizedEmail, string address)
    {
        try
        {
            var database = redis.GetDatabase();
            await CountAsync(database, "acct", Subject(normalizedEmail), AccountThreshold);
            await CountAsync(database, "ip", address, AddressThreshold);
        }
        catch (RedisException exception)
        {
            LogUnavailable(logger, exception);
        }
    }

    public async Task RecordSuccessAsync(string normalizedEmail)
    {
        try
        {
            var subject = Subject(normalizedEmail);
            await redis.GetDatabase().KeyDeleteAsync([FailKey("acct", subject), LockKey("acct", subject)]);
        }
        catch (RedisException exception)
        {
            LogUnavailable(logger, exception);
        }
    }

    private static async Task CountAsync(IDatabase database, string kind, string subject, int threshold)
    {
        var failures = await database.StringIncrementAsync(FailKey(kind, subject));
        await database.KeyExpireAsync(FailKey(kind, subject), Window);
        if (failures >= threshold)
        {
            var seconds = Math.Min(Math.Pow(2, failures - threshold), Window.TotalSeconds);
            await database.StringSetAsync(LockKey(kind, subject), "1", TimeSpan.FromSeconds(seconds));
        }
    }

    // E-mail addresses are hashed: Redis keys should not hold personal data.
    private static string Subject(string normalizedEmail) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)))[..32];

    private static string FailKey(string kind, string subject) => $"qraspire:login:fail:{kind}:{subject}";

    private static string LockKey(string kind, string subject) => $"qraspire:login:lock:{kind}:{subject}";

    [LoggerMessage(EventId = 1100, EventName = "login_throttle_unavailable", Level = LogLevel.Warning, Message = "login throttling skipped: Redis unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
