using System.Net;
using System.Net.Sockets;

namespace QrAspire.Worker.Scans;

/// <summary>Cuts client addresses to a network so that no stored value identifies one device: IPv4 /24, IPv6 /48.</summary>
public static class IpAnonymiser
{
    /// <summary>
    /// The network of <paramref name="address"/> (IPv4-mapped IPv6 addresses count as IPv4), e.g.
    /// <c>203.0.113.9</c> → <c>203.0.113.0</c>, <c>2001:db8:1:2::5</c> → <c>2001:db8:1::</c>.
    /// </summary>
    public static string Anonymise(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        bytes[keep..length].Clear();
        return new IPAddress(bytes[..length]).ToString();
    }

    /// <summary>Parses <paramref name="value"/> (null, empty or malformed → null), folding IPv4-mapped IPv6 to IPv4.</summary>
    public static IPAddress? Parse(string? value) =>
        IPAddress.TryParse(value, out var address) ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) : null;
}
