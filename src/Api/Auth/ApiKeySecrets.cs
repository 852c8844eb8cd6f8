using System.Security.Cryptography;
using System.Text;

namespace QrAspire.Api.Auth;

/// <summary>
/// API keys are <c>qrk_</c> + 40 base62 characters (238 bits from a CSPRNG): recognisable in logs and secret
/// scanners, long enough that a plain SHA-256 is a safe way to store them.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "qrk_";

    public static string NewKey() => Prefix + Base62.Random(40);

    /// <summary>What lists show: the prefix and the first 8 characters.</summary>
    public static string DisplayPrefix(string key) => key[..(Prefix.Length + 8)];

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
