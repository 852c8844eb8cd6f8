using System.Buffers;

namespace QrAspire.Platform.Redirects;

/// <summary>
/// What a short code may look like: 1–64 characters of <c>A–Z a–z 0–9 _ -</c>, case-sensitive, and not one of
/// the Redirector's own paths. The Redirector refuses anything else before any lookup; the Api must hand out
/// (and accept as custom codes) only values that pass <see cref="IsValid"/>.
/// </summary>
public static class ShortCodeFormat
{
    /// <summary>The longest short code (the <c>short_code</c> column holds 64 characters).</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-");

    /// <summary>
    /// Paths the Redirector answers itself. They never reach a lookup, so a code equal to one of them (compared
    /// case-insensitively, as people type them) would never redirect: the Api must refuse them.
    /// </summary>
    public static IReadOnlyList<string> Reserved { get; } = ["health", "alive", "metrics", "favicon.ico", "robots.txt"];

    /// <summary>True when <paramref name="code"/> has the shape of a short code and is not reserved.</summary>
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length is > 0 and <= MaxLength && !code.ContainsAnyExcept(Allowed) && !IsReserved(code);

    /// <summary>True when <paramref name="code"/> names one of the Redirector's own paths.</summary>
    public static bool IsReserved(ReadOnlySpan<char> code)
    {
        foreach (var reserved in Reserved)
        {
            if (code.Equals(reserved, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
