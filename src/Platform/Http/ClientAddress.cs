using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Http;

/// <summary>
/// A client's address (a scanner at the Redirector, a caller of the Api): the connection's peer, unless that peer
/// is a configured trusted proxy, in which case the right-most <c>X-Forwarded-For</c> hop that is not itself a trusted proxy (anyone can send the header,
/// so only hops added by our own proxies are believed).
/// </summary>
public sealed class ClientAddress(IReadOnlyList<IPNetwork> trustedProxies)
{
    /// <summary>The setting that lists the trusted proxies.</summary>
    public const string TrustedProxiesSetting = "TRUSTED_PROXIES";

    /// <summary>Trusts the proxies listed in <c>TRUSTED_PROXIES</c> (see <see cref="ParseTrustedProxies"/>).</summary>
    public static ClientAddress From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ClientAddress(ParseTrustedProxies(configuration[TrustedProxiesSetting]));
    }

    /// <summary>
    /// Comma-separated IP addresses and CIDR ranges (<c>10.0.0.0/8,127.0.0.1,::1</c>); empty or absent trusts none.
    /// Anything else throws <see cref="SettingsException"/> naming the setting.
    /// </summary>
    public static IReadOnlyList<IPNetwork> ParseTrustedProxies(string? raw)
    {
        List<IPNetwork> networks = [];
        foreach (var item in (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(item, out var address))
            {
                address = Normalize(address)!;
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new SettingsException(TrustedProxiesSetting, $"'{item}' is neither an IP address nor a CIDR range; expected e.g. 10.0.0.0/8,127.0.0.1");
            }
        }

        return networks;
    }

    /// <summary>The client behind <paramref name="peer"/>, per the rule above.</summary>
    public IPAddress? Resolve(IPAddress? peer, StringValues forwardedFor)
    {
        peer = Normalize(peer);
        if (peer is null || trustedProxies.Count == 0 || !IsTrusted(peer) || StringValues.IsNullOrEmpty(forwardedFor))
        {
            return peer;
        }

        var client = peer;
        for (var header = forwardedFor.Count - 1; header >= 0; header--)
        {
            var hops = (forwardedFor[header] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var hop = hops.Length - 1; hop >= 0; hop--)
            {
                if (Parse(hops[hop]) is not { } address)
                {
                    return client; // A garbled hop: believe nothing further left.
                }

                client = address;
                if (!IsTrusted(address))
                {
                    return address;
                }
            }
        }

        return client;
    }

    /// <summary>Whether <paramref name="peer"/> is a trusted proxy, whose own headers (a viewer's country, say) may be believed.</summary>
    public bool IsTrustedProxy(IPAddress? peer) => trustedProxies.Count > 0 && Normalize(peer) is { } address && IsTrusted(address);

    private bool IsTrusted(IPAddress address)
    {
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress? Parse(string hop)
    {
        if (IPAddress.TryParse(hop, out var address) || (IPEndPoint.TryParse(hop, out var endPoint) && (address = endPoint.Address) is not null))
        {
            return Normalize(address);
        }

        return null;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
