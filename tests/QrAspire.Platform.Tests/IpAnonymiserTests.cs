using QrAspire.Platform.Scans;

namespace QrAspire.Platform.Tests;

[Trait("Tier", "Unit")]
public sealed class IpAnonymiserTests
{
    [Theory]
    [InlineData("{\"ip\":\"203.0.113.9\"}", "{\"ip\":\"203.0.113.0\"}")]
    [InlineData("from 2001:db8:1:2::5 and 198.51.100.7.", "from 2001:db8:1:: and 198.51.100.0.")]
    [InlineData("mapped ::ffff:192.0.2.44", "mapped 192.0.2.0")]
    [InlineData("full 2001:0db8:0001:0002:0003:0004:0005:0006", "full 2001:db8:1::")]
    public void ScrubCutsEveryAddressInTextToItsNetwork(string text, string expected) =>
        Assert.Equal(expected, IpAnonymiser.Scrub(text));

    [Theory]
    [InlineData("{\"occurred_at\":\"2026-11-27T14:30:10.1234567Z\"}")]
    [InlineData("version 1.2.3 build 12345678 deadbeef")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64)")]
    public void ScrubLeavesTextWithoutAddressesAlone(string text) =>
        Assert.Equal(text, IpAnonymiser.Scrub(text));
}
