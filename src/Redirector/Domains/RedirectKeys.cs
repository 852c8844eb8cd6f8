using QrAspire.Platform.Redirects;

namespace QrAspire.Redirector.Domains;

/// <summary>Cache keys as <see cref="RedirectInvalidation.KeyOf"/> makes them: <c>{shortCode}</c> or <c>{domainId}/{shortCode}</c>.</summary>
public static class RedirectKeys
{
    /// <summary>The domain id (null on the service's own host) and the short code of <paramref name="key"/>.</summary>
    public static (string? DomainId, string Code) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Whether <paramref name="key"/> is a well-formed key (an invalidation message is one).</summary>
    public static bool IsValid(string key)
    {
        var (domainId, code) = Split(key);
        return ShortCodeFormat.IsValid(code) && (domainId is null || ShortCodeFormat.IsValid(domainId));
    }
}
