using System.Net;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Tests.GeoIp;

/// <summary>
/// The country database a fresh system uses (ip-location-db from npm, pinned in deploy/geoip), installed by
/// scripts/test.sh and the AppHost's first run: real addresses of organisations whose country is not in doubt.
/// </summary>
public sealed class InstalledCountryDatabaseTests
{
    internal static readonly string? DatabasePath = Find();

    [SkippableTheory]
    [InlineData("8.8.8.8", "US")] // Google Public DNS
    [InlineData("2001:4860:4860::8888", "US")] // Google Public DNS, IPv6
    [InlineData("84.200.69.80", "DE")] // DNS.WATCH, Germany
    [InlineData("130.59.31.248", "CH")] // SWITCH, the Swiss research network's resolver
    [InlineData("193.2.1.66", "SI")] // ARNES, the Slovenian research network's resolver
    [InlineData("200.160.2.3", "BR")] // NIC.br, São Paulo
    public void RealAddressesResolveToTheirCountry(string ip, string country)
    {
        Skip.If(DatabasePath is null, "the GeoIP database is not installed: run `npm ci` in deploy/geoip (scripts/test.sh does)");
        using var geo = new GeoLocator(DatabasePath);

        Assert.Equal(new GeoLocation(country, "unknown", "unknown"), geo.Locate(IPAddress.Parse(ip)));
    }

    [SkippableTheory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("127.0.0.1")]
    [InlineData("fd00::1")]
    public void PrivateAddressesStayUnknown(string ip)
    {
        Skip.If(DatabasePath is null, "the GeoIP database is not installed: run `npm ci` in deploy/geoip (scripts/test.sh does)");
        using var geo = new GeoLocator(DatabasePath);

        Assert.Equal(GeoLocation.Unknown, geo.Locate(IPAddress.Parse(ip)));
    }

    private static string? Find()
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
