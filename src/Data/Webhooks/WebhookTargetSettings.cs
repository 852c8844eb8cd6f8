using System.Net;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Data.Webhooks;

/// <summary>Where webhooks may be sent, read and validated at start (the Api when adding, the Worker when delivering).</summary>
/// <param name="AllowPrivateTargets">
/// <c>WEBHOOKS_ALLOW_PRIVATE_TARGETS</c> (default false): allow <c>http</c> URLs and hosts on loopback, private,
/// link-local and other non-global addresses — for tests and closed networks only.
/// </param>
/// <param name="DnsServer"><c>DNS_SERVER</c>: where host names are resolved; null for the system resolver.</param>
public sealed record WebhookTargetSettings(bool AllowPrivateTargets, IPEndPoint? DnsServer)
{
    /// <summary>Reads the settings; a malformed value throws <see cref="SettingsException"/> naming it.</summary>
    public static WebhookTargetSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var allow = configuration["WEBHOOKS_ALLOW_PRIVATE_TARGETS"];
        var allowPrivate = false;
        if (!string.IsNullOrWhiteSpace(allow) && !bool.TryParse(allow.Trim(), out allowPrivate))
        {
            throw new SettingsException("WEBHOOKS_ALLOW_PRIVATE_TARGETS", $"must be true or false, got '{allow}'");
        }

        var dns = configuration["DNS_SERVER"];
        IPEndPoint? server = null;
        if (!string.IsNullOrWhiteSpace(dns))
        {
            server = IPEndPoint.TryParse(dns.Trim(), out var endPoint)
                ? endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint
                : throw new SettingsException("DNS_SERVER", $"must be an IP address with an optional port (127.0.0.1:5353, [::1]:53), got '{dns}'");
        }

        return new WebhookTargetSettings(allowPrivate, server);
    }
}
