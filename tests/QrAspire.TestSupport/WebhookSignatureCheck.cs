using System.Security.Cryptography;
using System.Text;

namespace QrAspire.TestSupport;

/// <summary>
/// A receiver's check of a <c>QrAspire-Signature</c> header, written from docs/webhooks.md and not from the Worker's
/// signing code, so a test using it checks the Worker against the documentation: HMAC-SHA256 of <c>"&lt;t&gt;." + body</c>
/// with the whole secret, compared in constant time.
/// </summary>
public static class WebhookSignatureCheck
{
    /// <summary>The tolerance docs/webhooks.md gives receivers for <c>t</c>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/>; with
    /// <paramref name="now"/>, also when its <c>t</c> is within <see cref="Window"/> of it (tests on a fake clock leave
    /// it out).
    /// </summary>
    public static bool IsValid(string secret, string header, byte[] body, DateTimeOffset? now = null)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, out var seconds) || v1.Length != 64)
        {
            return false;
        }

        if (now is { } clock && Math.Abs(clock.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }
}
