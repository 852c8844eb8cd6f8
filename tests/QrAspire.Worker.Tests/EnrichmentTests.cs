using System.Net;
using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Scans;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Tests;

public sealed class EnrichmentTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.0")]
    [InlineData("81.2.69.255", "81.2.69.0")]
    [InlineData("::ffff:198.51.100.77", "198.51.100.0")]
    [InlineData("2001:db8:1234:5678:9abc::1", "2001:db8:1234::")]
    [InlineData("2a02:aa00:ffff:ffff:ffff:ffff:ffff:ffff", "2a02:aa00:ffff::")]
    [InlineData("::1", "::")]
    public void AddressesAreCutToTheirNetwork(string ip, string expected)
    {
        Assert.Equal(expected, IpAnonymiser.Anonymise(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("https://Poster.Example/menu?table=3", "poster.example")]
    [InlineData("http://www.instagram.com/", "www.instagram.com")]
    [InlineData("https://bücher.example/", "xn--bcher-kva.example")]
    [InlineData("android-app://com.google.android.gm/", "")]
    [InlineData("not a url", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ReferrerIsItsHost(string? referrer, string expected)
    {
        Assert.Equal(expected, ScanEnricher.ReferrerHost(referrer));
    }

    [Fact]
    public void VisitorHashDependsOnSaltAddressAgentAndCode()
    {
        byte[] salt = [1, 2, 3], other = [4, 5, 6];
        var hash = VisitorSalt.Hash(salt, "203.0.113.9", "UA", "Ab3");

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, VisitorSalt.Hash(salt, "203.0.113.9", "UA", "Ab3"));
        Assert.NotEqual(hash, VisitorSalt.Hash(other, "203.0.113.9", "UA", "Ab3"));
        Assert.NotEqual(hash, VisitorSalt.Hash(salt, "203.0.113.10", "UA", "Ab3"));
        Assert.NotEqual(hash, VisitorSalt.Hash(salt, "203.0.113.9", "UA2", "Ab3"));
        Assert.NotEqual(hash, VisitorSalt.Hash(salt, "203.0.113.9", "UA", "Ab4"));
    }

    [Theory]
    [InlineData("SCAN_RETENTION_DAYS", "0")]
    [InlineData("SCAN_RETENTION_DAYS", "forever")]
    [InlineData("SCAN_BATCH_SIZE", "-5")]
    [InlineData("SCAN_BATCH_SIZE", "1000000")]
    [InlineData("GEOIP_DATABASE_PATH", "relative/city.mmdb")]
    public void BadSettingsNameTheSetting(string name, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(name, value)]).Build();

        var error = Assert.Throws<SettingsException>(() => ScanIngestSettings.From(configuration));

        Assert.Equal(name, error.Setting);
    }

    [Fact]
    public void DefaultsAreFourHundredDaysAndNoGeoDatabase()
    {
        var settings = ScanIngestSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(400, settings.RetentionDays);
        Assert.Null(settings.GeoIpDatabasePath);
    }
}
