using System.Net;
using QrAspire.Platform.Scans;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Tests.GeoIp;

public sealed class GeoLocatorTests
{
    [Theory]
    [InlineData("81.2.69.160", "GB", "England", "London")]
    [InlineData("89.160.20.112", "SE", "Östergötland County", "Linköping")]
    [InlineData("216.160.83.56", "US", "Washington", "Milton")]
    [InlineData("2a02:aa00:1234::1", "CH", "Zurich", "Zürich")]
    [InlineData("::ffff:81.2.69.1", "GB", "England", "London")]
    [InlineData("175.16.199.7", "CN", "unknown", "unknown")]
    public void KnownAddressesResolveToTheirPlace(string ip, string country, string region, string city)
    {
        using var geo = new GeoLocator(TestGeoDatabase.Path);

        var location = geo.Locate(IpAnonymiser.Parse(ip));

        Assert.Equal(new GeoLocation(country, region, city), location);
    }

    [Theory]
    [InlineData("81.2.69.160", "GB")]
    [InlineData("2a02:aa00:1234::1", "CH")]
    [InlineData("::ffff:81.2.69.1", "GB")]
    [InlineData("175.16.199.7", "CN")]
    public void ACountryOnlyDatabaseGivesTheCountryAndLeavesRegionAndCityUnknown(string ip, string country)
    {
        using var geo = new GeoLocator(TestGeoDatabase.CountryOnlyPath);

        var location = geo.Locate(IpAnonymiser.Parse(ip));

        Assert.Equal(new GeoLocation(country, "unknown", "unknown"), location);
    }

    [Theory]
    [InlineData("192.168.0.10")]
    [InlineData("::ffff:192.168.7.1")]
    [InlineData("198.51.100.7")]
    [InlineData("10.1.2.3")]
    public void PrivateAndDocumentationAddressesAreUnknownEvenWhereTheDatabaseGivesThemACountry(string ip)
    {
        using var geo = new GeoLocator(TestGeoDatabase.CountryOnlyPath);

        Assert.Equal(GeoLocation.Unknown, geo.Locate(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("8.8.8.8")]
    public void PrivateAndUnlistedAddressesAreUnknown(string ip)
    {
        using var geo = new GeoLocator(TestGeoDatabase.Path);

        Assert.Equal(GeoLocation.Unknown, geo.Locate(IPAddress.Parse(ip)));
    }

    [Fact]
    public void WithoutADatabaseEverythingIsUnknown()
    {
        using var geo = new GeoLocator(null);

        Assert.False(geo.HasDatabase);
        Assert.Equal(GeoLocation.Unknown, geo.Locate(IPAddress.Parse("81.2.69.160")));
        Assert.Equal(GeoLocation.Unknown, geo.Locate(null));
    }
}
