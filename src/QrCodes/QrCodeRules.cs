using QrAspire.Platform.Redirects;

namespace QrAspire.QrCodes;

/// <summary>The rules a code's fields follow, shared by create and update.</summary>
public static class QrCodeRules
{
    public const int MaxDestinationLength = 2048;
    public const int MinCustomShortCodeLength = 4;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public static readonly int[] RedirectStatuses = [301, 302, 307];

    /// <summary>Words a custom short code may not be, beside the Redirector's own paths: they would confuse people or future routes.</summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "app", "admin", "docs", "openapi", "swagger", "login", "logout", "signin", "signup", "register",
        "static", "assets", "www", "help", "support", "status", "about", "terms", "privacy", "qr", "qraspire",
    };

    /// <summary>Why a destination is refused, or null: http/https only, at most 2,048 characters, no controls, spaces or user:password@.</summary>
    public static string? DestinationProblem(string? destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            return "A destination URL is required for a dynamic code.";
        }

        if (destination.Length > MaxDestinationLength)
        {
            return $"At most {MaxDestinationLength} characters.";
        }

        if (destination.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u202E' or '\uFEFF'))
        {
            return "No spaces, line breaks or control characters.";
        }

        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Use an absolute http:// or https:// URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "No user name or password in the address (user:password@host is a phishing trick).";
        }

        return string.IsNullOrEmpty(uri.Host) ? "The URL has no host." : null;
    }

    /// <summary>Why a custom short code is refused, or null.</summary>
    public static string? ShortCodeProblem(string code) =>
        code.Length < MinCustomShortCodeLength || code.Length > ShortCodeFormat.MaxLength || !ShortCodeFormat.IsValid(code)
            ? $"Use {MinCustomShortCodeLength} to {ShortCodeFormat.MaxLength} characters of A-Z, a-z, 0-9, '_' and '-'."
            : ShortCodeFormat.IsReserved(code) || ReservedWords.Contains(code)
                ? $"'{code}' is reserved; choose another."
                : null;

    /// <summary>Tags trimmed, lower-cased and de-duplicated, or the reason they are refused.</summary>
    public static (IReadOnlyList<string> Tags, string? Problem) NormalizeTags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return ([], null);
        }

        var normalized = tags.Select(t => (t ?? "").Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (normalized.Count > MaxTags)
        {
            return (normalized, $"At most {MaxTags} tags.");
        }

        return normalized.Any(t => t.Length is 0 or > MaxTagLength || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ' '))
            ? (normalized, $"Tags are 1 to {MaxTagLength} characters of a-z, 0-9, space, '-' and '_'.")
            : (normalized, null);
    }

    public static bool IsValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 200 && !name.Any(char.IsControl);
}
