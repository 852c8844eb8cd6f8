using System.Net;
using System.Net.Sockets;

namespace QrAspire.Api.Features.Audit;

/// <summary>
/// The network an address belongs to for "a sign-in from a new address": IPv4 /24, IPv6 /64 — a home or office
/// connection whose provider hands out a new address within the same block is not reported every day.
/// </summary>
internal static class AuditNetworks
{
    public static string Of(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
        var keep = ipv4 ? 3 : 8;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return $"{new IPAddress(bytes)}/{(ipv4 ? 24 : 64)}";
    }
}
