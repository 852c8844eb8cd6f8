using System.Collections.Concurrent;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace QrAspire.Worker.Scans;

/// <summary>
/// The secret salt of one UTC day, shared by every Worker through Redis (<c>SET NX</c>, then read back) and gone two
/// days later: yesterday's visitor hashes cannot be recomputed from today's data.
/// </summary>
public sealed class VisitorSalt(IConnectionMultiplexer redis)
{
    private readonly ConcurrentDictionary<DateOnly, byte[]> _salts = new();

    /// <summary>The salt of <paramref name="day"/>, created when it is the first ask.</summary>
    public async ValueTask<byte[]> ForDayAsync(DateOnly day)
    {
        if (_salts.TryGetValue(day, out var salt))
        {
            return salt;
        }

        var key = $"qraspire:scans:salt:{day:yyyy-MM-dd}";
        var database = redis.GetDatabase();
        await database.StringSetAsync(key, RandomNumberGenerator.GetBytes(32), TimeSpan.FromDays(2), When.NotExists).ConfigureAwait(false);
        salt = (byte[]?)await database.StringGetAsync(key).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the visitor salt vanished from Redis");
        if (_salts.Count > 4)
        {
            _salts.Clear();
        }

        return _salts.GetOrAdd(day, salt);
    }

    /// <summary>Hex of the first 16 bytes of SHA-256(salt, IP, user agent, code).</summary>
    public static string Hash(byte[] salt, string? ip, string? userAgent, string code)
    {
        ArgumentNullException.ThrowIfNull(salt);
        var text = $"{ip}\n{userAgent}\n{code}";
        var input = new byte[salt.Length + System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)];
        salt.CopyTo(input, 0);
        var length = salt.Length + System.Text.Encoding.UTF8.GetBytes(text, input.AsSpan(salt.Length));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input.AsSpan(0, length), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
