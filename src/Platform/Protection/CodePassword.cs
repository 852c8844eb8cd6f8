using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QrAspire.Platform.Protection;

/// <summary>
/// The password a dynamic code may ask scanners for: its rules, and its stored hash — PBKDF2-HMAC-SHA256 with a
/// random 16-byte salt, written as <c>pbkdf2-sha256$100000$salt$hash</c> (base64) so that the iteration count can rise
/// later without breaking stored hashes. The Api hashes, the Redirector verifies (AOT-safe: no reflection).
/// </summary>
public static class CodePassword
{
    /// <summary>
    /// Iterations of new hashes. Lower than an account password's 600,000 on purpose: every check runs on the
    /// redirect edge, so one must cost ≲ 50 ms of one core (about 25 ms here); the guess throttle, not the hash,
    /// is what keeps online guessing slow.
    /// </summary>
    public const int DefaultIterations = 100_000;

    /// <summary>Shortest password accepted.</summary>
    public const int MinLength = 4;

    /// <summary>Longest password accepted (characters).</summary>
    public const int MaxLength = 128;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verifying a stored count above this would let a bad row stall the edge; hashes are never written with more.
    private const int MaxIterations = 2_000_000;

    /// <summary>Why <paramref name="password"/> cannot be a code's password, or null when it can.</summary>
    public static string? Problem(string? password)
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            return $"A password has {MinLength} to {MaxLength} characters.";
        }

        return password.Any(char.IsControl) ? "A password cannot contain control characters." : null;
    }

    /// <summary>The stored form of <paramref name="password"/>, salted afresh.</summary>
    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>, compared in constant time; false for a malformed hash.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (salt.Length == 0 || expected.Length is < 16 or > 64)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
