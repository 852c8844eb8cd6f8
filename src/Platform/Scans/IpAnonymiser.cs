using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace QrAspire.Platform.Scans;

/// <summary>
/// Cuts client addresses to a network so that no stored value identifies one device: IPv4 /24, IPv6 /48. The Worker
/// stores scans with it; whatever else reaches a disk or the database (spill files, dead letters) holds only its result.
/// </summary>
public static partial class IpAnonymiser
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

    /// <summary>The network of the address in <paramref name="value"/>; null when it holds none.</summary>
    public static string? Anonymise(string? value) => Parse(value) is { } address ? Anonymise(address) : null;

    /// <summary>
    /// <paramref name="text"/> with every IP address in it replaced by its network: for text whose shape is not
    /// known (a payload that is not a scan event), where the address could be anywhere.
    /// </summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddressLike().Replace(text, match => IsAddress(match.ValueSpan) && Parse(match.Value) is { } address ? Anonymise(address) : match.Value);
    }

    // IPv6 needs "::" or all eight groups here; without it, times such as 14:30:10 would look like addresses.
    private static bool IsAddress(ReadOnlySpan<char> token) =>
        !token.Contains(':') || token.Contains("::", StringComparison.Ordinal) || token.Count(':') == 7;

    // IPv6 (with an optional IPv4 tail), or a dotted quad: the forms an address is written in.
    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Fa-f:])|(?<![0-9.])\d{1,3}(?:\.\d{1,3}){3}(?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex AddressLike();
}
