using System.Net;
using System.Net.Sockets;
using DnsClient;
using QrAspire.Platform.Scans;

namespace QrAspire.Data.Webhooks;

/// <summary>
/// The server-side request forgery guard: which URLs a webhook may have, and which addresses a delivery may connect
/// to. A URL must be absolute <c>https</c> without credentials; its host must resolve, and only to global addresses
/// (not loopback, private, shared/CGNAT, link-local with the cloud metadata address, unspecified, multicast or other
/// special-purpose ranges of <see cref="SpecialPurposeAddresses"/>, IPv4-mapped IPv6 included). The Api checks when an
/// endpoint is added or changed; the Worker checks again at every connection and connects to the address it vetted,
/// so a name that later resolves elsewhere (DNS rebinding) is refused. <c>WEBHOOKS_ALLOW_PRIVATE_TARGETS</c> lifts
/// the address and scheme rules.
/// </summary>
public sealed class WebhookTargets
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2000;

    private readonly LookupClient? _dns;

    /// <summary>Resolves through <see cref="WebhookTargetSettings.DnsServer"/>, or the system resolver.</summary>
    public WebhookTargets(WebhookTargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.DnsServer is { } server)
        {
            _dns = new LookupClient(new LookupClientOptions(new NameServer(server))
            {
                UseCache = false,
                ThrowDnsErrors = false,
                ContinueOnDnsError = false,
                Timeout = TimeSpan.FromSeconds(2),
                Retries = 1,
            });
        }
    }

    /// <summary>The settings in force.</summary>
    public WebhookTargetSettings Settings { get; }

    /// <summary>The URL, or why it cannot be one (no lookup yet: see <see cref="ResolveAsync"/>).</summary>
    public (Uri? Uri, WebhookTargetRefusal? Refusal) Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxUrlLength || !Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
        {
            return (null, new("webhook_url_invalid", $"Must be an absolute https URL of at most {MaxUrlLength} characters."));
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return (null, new("webhook_url_invalid", "Must not hold credentials (user:password@) or a fragment (#)."));
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !Settings.AllowPrivateTargets)
        {
            return (null, new("webhook_url_not_https", "Must use https."));
        }

        return (uri, null);
    }

    /// <summary>The addresses of <paramref name="host"/> a delivery may connect to, or why there are none.</summary>
    public async Task<(IReadOnlyList<IPAddress> Addresses, WebhookTargetRefusal? Refusal)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim('[', ']');
        IReadOnlyList<IPAddress> addresses;
        if (IPAddress.TryParse(name, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await LookUpAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or DnsResponseException or TimeoutException)
            {
                addresses = [];
            }
        }

        if (addresses.Count == 0)
        {
            return ([], new("webhook_url_unresolvable", $"The host '{name}' does not resolve."));
        }

        // Every address, not just one: a name that answers with a public and a private address is refused outright.
        if (!Settings.AllowPrivateTargets && addresses.FirstOrDefault(IsRefused) is { } refused)
        {
            return ([], new("webhook_url_private", $"The host '{name}' resolves to {refused}, a loopback, private, link-local or other non-public address."));
        }

        return (addresses, null);
    }

    /// <summary>Whether an address lies outside the global internet (IPv4-mapped IPv6 counts as its IPv4 address).</summary>
    public static bool IsRefused(IPAddress address) => SpecialPurposeAddresses.Contains(address);

    private async Task<IReadOnlyList<IPAddress>> LookUpAsync(string name, CancellationToken cancellationToken)
    {
        if (_dns is null)
        {
            return await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        }

        var v4 = await _dns.QueryAsync(name, QueryType.A, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        var v6 = await _dns.QueryAsync(name, QueryType.AAAA, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        return [.. v4.Answers.ARecords().Select(r => r.Address), .. v6.Answers.AaaaRecords().Select(r => r.Address)];
    }
}

/// <summary>Why a webhook URL is refused: a field error code and a sentence.</summary>
public sealed record WebhookTargetRefusal(string Code, string Reason);
