using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts;

internal static class Emails
{
    /// <summary>The identity key used for uniqueness, sign-in and reset (<see cref="EmailAddresses.Normalize"/>).</summary>
    public static string Normalize(string email) => EmailAddresses.Normalize(email);

    /// <summary>
    /// A plain, permissive check: one @, something on each side, a dot in the domain, no spaces, controls or invisible
    /// characters (zero-width, bidi overrides), judged on the NFKC form that is stored.
    /// </summary>
    public static bool LooksValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320)
        {
            return false;
        }

        var canonical = EmailAddresses.Canonical(email);
        if (canonical.Length > 320 || canonical.Any(EmailAddresses.IsForbidden) || canonical.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return false;
        }

        var at = canonical.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == canonical.LastIndexOf('@') && canonical.IndexOf('.', at) > at + 1 && !canonical.EndsWith('.');
    }
}
