using System.Net;
using Microsoft.Extensions.Primitives;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// The scanning client's address: the connection's peer, unless that peer is a configured trusted proxy, in which
/// case the right-most <c>X-Forwarded-For</c> hop that is not itself a trusted proxy (anyone can send the header,
/// so only hops added by our own proxies are believed).
/// </summary>
public sealed class ClientAddress(IReadOnlyList<IPNetwork> trustedProxies)
{
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
