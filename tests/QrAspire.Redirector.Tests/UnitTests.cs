using System.Net;
using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Http;
using QrAspire.Platform.Redirects;
using QrAspire.Platform.Routing;
using QrAspire.Platform.Settings;
using QrAspire.Redirector.Hosting;
using QrAspire.Redirector.Redirects;
using QrAspire.Redirector.Scans;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Tests;

public sealed class ShortCodeFormatTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Ab3_-z")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void WellFormedCodesAreValid(string code) => Assert.True(ShortCodeFormat.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("ä")]
    [InlineData("a/b")]
    [InlineData("%41")]
    [InlineData("health")]
    [InlineData("METRICS")]
    [InlineData("*")]
    public void MalformedOrReservedCodesAreNot(string code) => Assert.False(ShortCodeFormat.IsValid(code));
}

public sealed class ClientAddressTests
{
    private static readonly ClientAddress Trusting = new([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("127.0.0.1/32")]);

    [Theory]
    [InlineData("127.0.0.1", "198.51.100.7", "198.51.100.7")]
    [InlineData("127.0.0.1", "198.51.100.7, 10.0.0.2", "198.51.100.7")]
    [InlineData("127.0.0.1", "spoofed, 198.51.100.7, 10.0.0.2", "198.51.100.7")]
    [InlineData("127.0.0.1", "198.51.100.7:4711", "198.51.100.7")]
    [InlineData("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("127.0.0.1", "not-an-ip", "127.0.0.1")]
    [InlineData("127.0.0.1", "10.0.0.3, 10.0.0.2", "10.0.0.3")]
    [InlineData("192.0.2.1", "198.51.100.7", "192.0.2.1")]
    [InlineData("::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7")]
    public void ForwardedForIsFollowedOnlyThroughTrustedProxies(string peer, string forwardedFor, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), Trusting.Resolve(IPAddress.Parse(peer), forwardedFor));

    [Fact]
    public void WithoutTrustedProxiesThePeerIsTheClient() =>
        Assert.Equal(IPAddress.Loopback, new ClientAddress([]).Resolve(IPAddress.Loopback, "198.51.100.7"));
}

public sealed class LinkPreviewBotTests
{
    [Theory]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "facebookexternalhit")]
    [InlineData("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discordbot")]
    [InlineData("WhatsApp/2.23.20.0", "WhatsApp")]
    [InlineData("TelegramBot (like TwitterBot)", "TelegramBot")]
    public void KnownPreviewBotsAreNamed(string userAgent, string bot) => Assert.Equal(bot, LinkPreviewBots.Match(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36")]
    [InlineData(null)]
    public void PhonesAreNotBots(string? userAgent) => Assert.Null(LinkPreviewBots.Match(userAgent));
}

public sealed class SafeLocationTests
{
    [Theory]
    [InlineData("https://example.com/a?b=c#d", "https://example.com/a?b=c#d")]
    [InlineData("http://example.com:8080/", "http://example.com:8080/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("/relative", null)]
    [InlineData("https://example.com/a\r\nSet-Cookie: x=y", null)]
    [InlineData("ftp://example.com/", null)]
    public void OnlyAbsoluteHttpUrlsBecomeLocations(string destination, string? expected) =>
        Assert.Equal(expected, SafeLocation.Of(destination));
}

public sealed class RedirectorSettingsTests
{
    private static RedirectorSettings Read(params (string Key, string Value)[] values) =>
        RedirectorSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void DefaultsTrustNoProxyAndSpillUnderTemp()
    {
        var settings = Read();

        Assert.Empty(settings.TrustedProxies);
        Assert.StartsWith(Path.GetTempPath(), settings.SpillPath, StringComparison.Ordinal);
        Assert.Equal(64L * 1024 * 1024, settings.MemoryCacheBytes);
    }

    [Fact]
    public void TrustedProxiesTakeAddressesAndRanges() =>
        Assert.Equal(3, Read(("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")).TrustedProxies.Count);

    [Theory]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/33")]
    [InlineData("TRUSTED_PROXIES", "proxy.internal")]
    [InlineData("SCAN_SPILL_PATH", "relative/folder")]
    [InlineData("REDIRECT_CACHE_MB", "0")]
    [InlineData("REDIRECT_CACHE_MB", "lots")]
    [InlineData("ROUTING_COUNTRY_HEADER", "Country: CH")]
    [InlineData("GEOIP_DATABASE_PATH", "GeoLite2-Country.mmdb")]
    public void BadValuesAreRefusedNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));

        Assert.Equal(key, error.Setting);
        Assert.DoesNotContain('\n', error.Message);
    }
}
