namespace QrAspire.Api.Features.Accounts;

internal static class Emails
{
    /// <summary>The one normal form used for uniqueness and sign-in.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A plain, permissive check: one @, something on each side, a dot in the domain, no spaces or controls.</summary>
    public static bool LooksValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320 || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
    }
}
