using System.Net;
using QrAspire.TestSupport;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Tests.GeoIp;

/// <summary>
/// The country database a fresh system uses (ip-location-db from npm, pinned in deploy/geoip), installed by
/// scripts/test.sh and the AppHost's first run: real addresses of organisations whose country is not in doubt.
/// </summary>
public sealed class InstalledCountryDatabaseTests
{
    [SkippableTheory]
    [InlineData("8.8.8.8", "US")] // Google Public DNS
    [InlineData("2001:4860:4860::8888", "US")] // Google Public DNS, IPv6
    [InlineData("84.200.69.80", "DE")] // DNS.WATCH, Germany
    [InlineData("130.59.31.248", "CH")] // SWITCH, the Swiss research network's resolver
    [InlineData("193.2.1.66", "SI")] // ARNES, the Slovenian research network's resolver
    [InlineData("200.160.2.3", "BR")] // NIC.br, São Paulo
    public void RealAddressesResolveToTheirCountry(string ip, string country)
    {
        Skip.If(InstalledGeoIpDatabase.Path is null, InstalledGeoIpDatabase.Missing);
        using var geo = new GeoLocator(InstalledGeoIpDatabase.Path);

        Assert.Equal(new GeoLocation(country, "unknown", "unknown"), geo.Locate(IPAddress.Parse(ip)));
    }

    [SkippableTheory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("127.0.0.1")]
    [InlineData("fd00::1")]
    public void PrivateAddressesStayUnknown(string ip)
    {
        Skip.If(InstalledGeoIpDatabase.Path is null, InstalledGeoIpDatabase.Missing);
        using var geo = new GeoLocator(InstalledGeoIpDatabase.Path);

        Assert.Equal(GeoLocation.Unknown, geo.Locate(IPAddress.Parse(ip)));
    }
}
