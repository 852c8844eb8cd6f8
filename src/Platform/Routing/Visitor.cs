using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using QrAspire.Platform.Scans;

namespace QrAspire.Platform.Routing;

/// <summary>
/// What routing knows of one scan, read from the request without allocating: device and OS (from the user agent),
/// country (a trusted proxy's header), the preferred language, the time and the visitor's A/B bucket.
/// </summary>
public readonly ref struct Visitor
{
    public Visitor(string? userAgent, ReadOnlySpan<char> country, ReadOnlySpan<char> acceptLanguage, IPAddress? address, string code, long utcTicks)
    {
        var agent = userAgent ?? "";
        var os = agent.Length == 0 ? UserAgentClassifier.Unknown : UserAgentClassifier.Os(agent);
        OsName = RoutingVocabulary.OsByClassifierName.TryGetValue(os, out var slug) ? slug : null;
        Device = DeviceOf(agent.Length == 0 ? UserAgentClassifier.Unknown : UserAgentClassifier.DeviceType(agent), os);
        Country = country.Trim();
        Language = AcceptLanguage.Preferred(acceptLanguage);
        UtcTicks = utcTicks;
        Bucket = BucketOf(address, agent, code, utcTicks);
    }

    /// <summary>One of <see cref="RoutingVocabulary.Devices"/>, or null when the agent says nothing known.</summary>
    public string? Device { get; }

    /// <summary>One of <see cref="RoutingVocabulary.OperatingSystems"/>, or null.</summary>
    public string? OsName { get; }

    /// <summary>The ISO 3166-1 alpha-2 code a trusted proxy sent, or empty.</summary>
    public ReadOnlySpan<char> Country { get; }

    /// <summary>The primary subtag of the most preferred language, or empty.</summary>
    public ReadOnlySpan<char> Language { get; }

    public long UtcTicks { get; }

    /// <summary>0–99: which share of an A/B split this visitor falls in, stable for the day.</summary>
    public int Bucket { get; }

    private static string? DeviceOf(string deviceType, string os) => deviceType switch
    {
        "mobile" or "tablet" => os switch { "iOS" => RoutingVocabulary.Ios, "Android" => RoutingVocabulary.Android, _ => RoutingVocabulary.OtherMobile },
        "desktop" => RoutingVocabulary.Desktop,
        _ => null,
    };

    /// <summary>
    /// A hash of the anonymised address (IPv4 /24, IPv6 /48 — what the analytics store), the user agent, the short code
    /// and the UTC day number as the salt: every Redirector computes the same bucket with no shared state and no cookie;
    /// one visitor keeps one variant for the day, and the buckets of two codes are independent.
    /// </summary>
    public static int BucketOf(IPAddress? address, string userAgent, string code, long utcTicks)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        ArgumentNullException.ThrowIfNull(code);
        var hash = 14695981039346656037UL;
        Span<byte> bytes = stackalloc byte[16];
        if (address is not null && address.TryWriteBytes(bytes, out var length))
        {
            var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
            var start = address.IsIPv4MappedToIPv6 ? 12 : 0;
            var keep = ipv4 || address.IsIPv4MappedToIPv6 ? 3 : 6;
            hash = Fnv(hash, bytes.Slice(start, keep));
            _ = length;
        }

        hash = Fnv(hash, System.Runtime.InteropServices.MemoryMarshal.AsBytes(userAgent.AsSpan()));
        hash = Fnv(hash, System.Runtime.InteropServices.MemoryMarshal.AsBytes(code.AsSpan()));
        BinaryPrimitives.WriteInt64LittleEndian(bytes, utcTicks / TimeSpan.TicksPerDay);
        hash = Fnv(hash, bytes[..8]);
        return (int)(Mix(hash) % 100);
    }

    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finaliser: FNV's low bits alone are not uniform enough for a modulo.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
