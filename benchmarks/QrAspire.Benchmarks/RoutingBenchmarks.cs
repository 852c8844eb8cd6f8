using System.Net;
using BenchmarkDotNet.Attributes;
using QrAspire.Contracts;
using QrAspire.Platform.Routing;

namespace QrAspire.Benchmarks;

/// <summary>
/// The Redirector's per-request routing work for a code with five rules and a two-variant default: reading the
/// visitor (user agent, country, <c>Accept-Language</c>, the A/B bucket hash) and evaluating the compiled rules. The
/// desktop visitor matches no rule, so it pays for all five and the split; the iPhone stops at the first rule.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const string Desktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
    private const string Destination = "https://example.com/landing";
    private static readonly IPAddress Address = IPAddress.Parse("203.0.113.9");

    private static readonly IPAddress Swiss = IPAddress.Parse("130.59.31.248");
    private static readonly IPAddress SwissV6 = IPAddress.Parse("2001:620:0:ff::2");

    private CompiledRouting _routing = null!;
    private CountryDatabase? _countries;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTime.UtcNow.Ticks;
        _routing = RoutingCompiler.Compile(new QrCodeRouting
        {
            Rules =
            [
                new RoutingRule { Conditions = new RoutingConditions { Device = ["ios"] }, Destination = "https://apps.apple.com/app/id123456789" },
                new RoutingRule { Conditions = new RoutingConditions { Device = ["android"] }, Destination = "https://play.google.com/store/apps/details?id=x" },
                new RoutingRule { Conditions = new RoutingConditions { Country = ["FR", "BE", "CH"], Language = ["fr"] }, Destination = "https://example.com/fr" },
                new RoutingRule { Conditions = new RoutingConditions { From = new DateTime(2020, 1, 1), Until = new DateTime(2021, 1, 1), TimeZone = "Europe/Paris" }, Destination = "https://example.com/2020" },
                new RoutingRule { Conditions = new RoutingConditions { Os = ["windows", "linux"] }, Destination = "https://example.com/pc" },
            ],
            Variants =
            [
                new RoutingVariant { Destination = "https://example.com/a", Weight = 50 },
                new RoutingVariant { Destination = "https://example.com/b", Weight = 50 },
            ],
            Utm = new UtmParameters { Source = "qr", Campaign = "spring" },
        }, Destination);
        _countries = InstalledCountryDatabase() is { } path ? CountryDatabase.Open(path) : null;
    }

    [Benchmark(Description = "five rules missed, two variants")]
    public int NoRuleMatches() =>
        _routing.Evaluate(new Visitor(Desktop, "US", "en-US,en;q=0.9,fr;q=0.5", Address, "Ab3x9kLm", _now), Destination).Variant;

    [Benchmark(Description = "first rule matches")]
    public int FirstRuleMatches() =>
        _routing.Evaluate(new Visitor(IPhone, "US", "en-US,en;q=0.9", Address, "Ab3x9kLm", _now), Destination).Rule;

    // The country a Redirector without a CDN header looks up per scan of a code with a country rule (deploy/geoip's
    // database, installed by scripts/test.sh or the AppHost's first run; without it these two measure nothing).
    [Benchmark(Description = "GeoIP country, IPv4")]
    public string? CountryOfIPv4() => _countries?.CountryOf(Swiss);

    [Benchmark(Description = "GeoIP country, IPv6")]
    public string? CountryOfIPv6() => _countries?.CountryOf(SwissV6);

    private static string? InstalledCountryDatabase()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "deploy", "geoip", "node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
