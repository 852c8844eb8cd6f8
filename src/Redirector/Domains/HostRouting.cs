using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using QrAspire.Platform.Redirects;

namespace QrAspire.Redirector.Domains;

/// <summary>
/// Which codes a request's <c>Host</c> names: a verified branded domain's (the cache key <c>{domainId}/{code}</c>), the
/// service's own (the code alone), or none (an unknown host, answered with the 404 page). The set of branded domains is
/// replaced whole by <see cref="BrandedDomainsRefresher"/>; readers see one set or the other, never a mix.
/// </summary>
public sealed class HostRouting
{
    private readonly FrozenSet<string> _ownHosts;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ownLookup;
    private volatile Branded _branded = Branded.None;

    /// <param name="ownHosts"><c>REDIRECT_HOSTS</c>: the service's own host names; empty to treat every host that is not a branded domain as the service's own.</param>
    public HostRouting(IEnumerable<string> ownHosts)
    {
        _ownHosts = ownHosts.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _ownLookup = _ownHosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many verified branded domains are routed.</summary>
    public int BrandedCount => _branded.Ids.Count;

    /// <summary>Replaces the verified branded domains (host name → domain id).</summary>
    public void Replace(IReadOnlyDictionary<string, string> domains) => _branded = new Branded(domains.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The cache key for <paramref name="code"/> requested with <paramref name="hostHeader"/>, or false for an unknown
    /// host. Without branded domains or own hosts configured this returns <paramref name="code"/> at once: the default
    /// host's hot path neither parses the header nor allocates.
    /// </summary>
    public bool TryKey(StringValues hostHeader, string code, out string key)
    {
        var branded = _branded;
        key = code;
        if (branded.Ids.Count == 0 && _ownHosts.Count == 0)
        {
            return true;
        }

        // A single value converts without copying.
        var host = HostName(hostHeader.ToString());
        if (branded.Ids.Count > 0 && branded.Lookup.TryGetValue(host, out var domainId))
        {
            key = RedirectInvalidation.KeyOf(domainId, code);
            return true;
        }

        return _ownHosts.Count == 0 || _ownLookup.Contains(host);
    }

    // "go.example.com:8443" → "go.example.com", "[::1]:80" → "[::1]"; a trailing dot is the same name.
    private static ReadOnlySpan<char> HostName(string header)
    {
        var span = header.AsSpan();
        var end = span.Length > 0 && span[0] == '[' ? span.IndexOf(']') + 1 : span.LastIndexOf(':');
        if (end > 0)
        {
            span = span[..end];
        }

        return span.Length > 0 && span[^1] == '.' ? span[..^1] : span;
    }

    private sealed class Branded(FrozenDictionary<string, string> ids)
    {
        public static readonly Branded None = new(FrozenDictionary<string, string>.Empty);

        public FrozenDictionary<string, string> Ids { get; } = ids;

        public FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; } = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
