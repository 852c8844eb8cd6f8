using System.Net;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Features.Domains;

/// <summary>Branded-domain settings, read and validated at start-up.</summary>
/// <param name="DnsServer"><c>DNS_SERVER</c>: where TXT records are looked up; null for the system resolver.</param>
/// <param name="ReservedHosts">
/// The service's own hosts, which no account may claim (nor names under them): the host of <c>REDIRECT_BASE_URL</c>,
/// of <c>WEB_BASE_URL</c> and <c>API_BASE_URL</c> when set, and every name in <c>RESERVED_DOMAINS</c>.
/// </param>
public sealed record DomainSettings(IPEndPoint? DnsServer, IReadOnlyList<string> ReservedHosts)
{
    /// <summary>Reads <c>DNS_SERVER</c>, <c>RESERVED_DOMAINS</c> and the hosts of the service's base URLs.</summary>
    public static DomainSettings From(IConfiguration configuration, string redirectHost)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reserved = new List<string> { redirectHost };
        foreach (var setting in new[] { "WEB_BASE_URL", "API_BASE_URL" })
        {
            if (Uri.TryCreate(configuration[setting], UriKind.Absolute, out var uri))
            {
                reserved.Add(uri.IdnHost.ToLowerInvariant());
            }
        }

        foreach (var name in (configuration["RESERVED_DOMAINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.CheckHostName(name) != UriHostNameType.Dns)
            {
                throw new SettingsException("RESERVED_DOMAINS", $"must be a comma-separated list of host names, got '{name}'");
            }

            reserved.Add(name.TrimEnd('.').ToLowerInvariant());
        }

        return new DomainSettings(ReadDnsServer(configuration["DNS_SERVER"]), reserved.Distinct(StringComparer.Ordinal).ToList());
    }

    // An address, not a name: resolving the resolver would need a resolver.
    private static IPEndPoint? ReadDnsServer(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!IPEndPoint.TryParse(raw.Trim(), out var endPoint))
        {
            throw new SettingsException("DNS_SERVER", $"must be an IP address with an optional port (127.0.0.1:5353, [::1]:53), got '{raw}'");
        }

        return endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint;
    }
}
