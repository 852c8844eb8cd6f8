using System.Net;

namespace QrAspire.Platform.Scans;

/// <summary>
/// Addresses that are not global (IANA's special-purpose registries: private, shared, loopback, link-local,
/// documentation, benchmarking, multicast, reserved). They belong to no country, whatever a database says: the
/// country-only database the setup installs maps some of them (172.16.0.0/12, 192.168.0.0/16, the documentation
/// ranges) to a country.
/// </summary>
public static class SpecialPurposeAddresses
{
    private static readonly IPNetwork[] V4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
    ];

    private static readonly IPNetwork[] V6 =
    [
        IPNetwork.Parse("::/127"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("3fff::/20"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    // The NAT64 well-known prefix (RFC 6052): a translator forwards 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>
    /// Whether <paramref name="address"/> lies in a special-purpose range (IPv4-mapped IPv6, and the NAT64 form
    /// <c>64:ff9b::a.b.c.d</c>, count as the IPv4 address they carry).
    /// </summary>
    public static bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (Nat64.Contains(address))
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            address = new IPAddress(bytes[12..]);
        }

        foreach (var network in address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? V4 : V6)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
