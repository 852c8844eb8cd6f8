using System.Net;
using Microsoft.Extensions.Primitives;
using QrAspire.Contracts;
using QrAspire.Platform.Routing;
using QrAspire.Redirector.Redirects;

namespace QrAspire.Redirector.Tests;

/// <summary>Routing as the Redirector evaluates it: each condition kind, first match, A/B splits, UTM, expiry fallback.</summary>
public sealed class RoutingTests
{
    public const string IPhoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
    public const string AndroidChrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";
    public const string AndroidTablet = "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public const string WindowsPhone = "Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; rv:11.0; IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X AppleWebKit/537 (KHTML, like Gecko) Mobile Safari/537";
    public const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public const string MacSafari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
    public const string LinuxFirefox = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    private const string Default = "https://example.com/default";
    private static readonly long Now = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc).Ticks;

    private static RoutingAnswer Evaluate(QrCodeRouting routing, string? userAgent = null, string? country = null, string? language = null, long? now = null, string address = "203.0.113.9")
    {
        var compiled = RoutingCompiler.Compile(routing, Default);
        return compiled.Evaluate(new Visitor(userAgent, country, language, IPAddress.Parse(address), "code1", now ?? Now), Default);
    }

    private static RoutingRule Rule(string destination, RoutingConditions? conditions = null) => new() { Destination = destination, Conditions = conditions };

    [Theory]
    [InlineData(IPhoneSafari, "ios")]
    [InlineData(AndroidChrome, "android")]
    [InlineData(AndroidTablet, "android")]
    [InlineData(WindowsPhone, "other-mobile")]
    [InlineData(WindowsChrome, "desktop")]
    [InlineData(MacSafari, "desktop")]
    [InlineData(LinuxFirefox, "desktop")]
    public void DeviceConditionsMatchRealAgents(string userAgent, string device)
    {
        var routing = new QrCodeRouting
        {
            Rules = [.. RoutingVocabulary.Devices.Order(StringComparer.Ordinal).Select(d => Rule($"https://example.com/{d}", new RoutingConditions { Device = [d] }))],
        };

        Assert.Equal($"https://example.com/{device}", Evaluate(routing, userAgent).Location.ToString());
    }

    [Fact]
    public void AnAgentWithoutDeviceMatchesNoDeviceRule()
    {
        var routing = new QrCodeRouting { Rules = [Rule("https://example.com/desktop", new RoutingConditions { Device = ["desktop", "ios", "android", "other-mobile"] })] };

        var answer = Evaluate(routing, userAgent: null);

        Assert.Equal(Default, answer.Location.ToString());
        Assert.Equal(-1, answer.Rule);
    }

    [Theory]
    [InlineData(IPhoneSafari, "ios")]
    [InlineData(AndroidChrome, "android")]
    [InlineData(WindowsChrome, "windows")]
    [InlineData(MacSafari, "macos")]
    [InlineData(LinuxFirefox, "linux")]
    [InlineData(WindowsPhone, "windows-phone")]
    public void OsConditionsMatch(string userAgent, string os)
    {
        var routing = new QrCodeRouting { Rules = [Rule("https://example.com/os", new RoutingConditions { Os = [os] })] };

        Assert.Equal("https://example.com/os", Evaluate(routing, userAgent).Location.ToString());
        var other = os == "linux" ? MacSafari : LinuxFirefox;
        Assert.Equal(Default, Evaluate(routing, other).Location.ToString());
    }

    [Theory]
    [InlineData("FR", true)]
    [InlineData("fr", true)]
    [InlineData("BE", true)]
    [InlineData("DE", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CountryConditionsMatch(string? country, bool matches)
    {
        var routing = new QrCodeRouting { Rules = [Rule("https://example.com/fr", new RoutingConditions { Country = ["FR", "BE"] })] };

        Assert.Equal(matches ? "https://example.com/fr" : Default, Evaluate(routing, country: country).Location.ToString());
    }

    [Theory]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8", true)]
    [InlineData("FR", true)]
    [InlineData("en;q=0.5, fr;q=0.9", true)]
    [InlineData("en-US,en;q=0.9,fr;q=0.8", false)]
    [InlineData("*", false)]
    [InlineData("fr;q=0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void LanguageConditionsUseThePreferredPrimaryTag(string? acceptLanguage, bool matches)
    {
        var routing = new QrCodeRouting { Rules = [Rule("https://example.com/fr", new RoutingConditions { Language = ["fr"] })] };

        Assert.Equal(matches ? "https://example.com/fr" : Default, Evaluate(routing, language: acceptLanguage).Location.ToString());
    }

    [Fact]
    public void UtcTimeWindowsIncludeTheirStartAndExcludeTheirEnd()
    {
        var from = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var until = new DateTime(2026, 12, 24, 0, 0, 0, DateTimeKind.Utc);
        var routing = new QrCodeRouting { Rules = [Rule("https://example.com/advent", new RoutingConditions { From = from, Until = until })] };

        Assert.Equal(Default, Evaluate(routing, now: from.Ticks - 1).Location.ToString());
        Assert.Equal("https://example.com/advent", Evaluate(routing, now: from.Ticks).Location.ToString());
        Assert.Equal("https://example.com/advent", Evaluate(routing, now: until.Ticks - 1).Location.ToString());
        Assert.Equal(Default, Evaluate(routing, now: until.Ticks).Location.ToString());
    }

    [Fact]
    public void ZonedTimeWindowsAreReadInTheirZone()
    {
        // 09:00 in Paris on 1 December (UTC+1) is 08:00 UTC.
        var routing = new QrCodeRouting
        {
            Rules = [Rule("https://example.com/open", new RoutingConditions { From = new DateTime(2026, 12, 1, 9, 0, 0), TimeZone = "Europe/Paris" })],
        };
        var eightUtc = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc).Ticks;

        Assert.Equal(Default, Evaluate(routing, now: eightUtc - TimeSpan.TicksPerSecond).Location.ToString());
        Assert.Equal("https://example.com/open", Evaluate(routing, now: eightUtc).Location.ToString());
    }

    [Fact]
    public void TheFirstMatchingRuleWinsAndIsReported()
    {
        var routing = new QrCodeRouting
        {
            Rules =
            [
                Rule("https://example.com/ios-fr", new RoutingConditions { Device = ["ios"], Language = ["fr"] }),
                Rule("https://example.com/ios", new RoutingConditions { Device = ["ios"] }),
                Rule("https://example.com/everyone"),
            ],
        };

        Assert.Equal(new RoutingAnswer("https://example.com/ios-fr", 0, -1), Evaluate(routing, IPhoneSafari, language: "fr-FR"));
        Assert.Equal(new RoutingAnswer("https://example.com/ios", 1, -1), Evaluate(routing, IPhoneSafari, language: "de"));
        Assert.Equal(new RoutingAnswer("https://example.com/everyone", 2, -1), Evaluate(routing, AndroidChrome, language: "fr"));
    }

    [Fact]
    public void AbSplitFollowsTheWeightsWithinTwoPointsAndStaysWithEachVisitor()
    {
        var routing = new QrCodeRouting
        {
            Variants =
            [
                new RoutingVariant { Destination = "https://example.com/a", Weight = 70 },
                new RoutingVariant { Destination = "https://example.com/b", Weight = 20 },
                new RoutingVariant { Destination = "https://example.com/c", Weight = 10 },
            ],
        };
        var compiled = RoutingCompiler.Compile(routing, Default);
        var random = new Random(18);
        var counts = new int[3];
        const int Visitors = 10_000;
        for (var i = 0; i < Visitors; i++)
        {
            var address = new IPAddress([(byte)random.Next(1, 224), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)]);
            var agent = random.Next(3) switch { 0 => IPhoneSafari, 1 => AndroidChrome, _ => WindowsChrome };
            var first = compiled.Evaluate(new Visitor(agent, default, default, address, "spring", Now), Default);
            var again = compiled.Evaluate(new Visitor(agent, default, default, address, "spring", Now + TimeSpan.TicksPerHour), Default);
            Assert.Equal(first, again);
            Assert.Equal($"https://example.com/{(char)('a' + first.Variant)}", first.Location.ToString());
            counts[first.Variant]++;
        }

        Assert.InRange(counts[0] * 100.0 / Visitors, 68, 72);
        Assert.InRange(counts[1] * 100.0 / Visitors, 18, 22);
        Assert.InRange(counts[2] * 100.0 / Visitors, 8, 12);
    }

    [Fact]
    public void OneNetworkIsOneVisitor()
    {
        // Addresses are anonymised (IPv4 /24) before hashing: two phones behind one /24 with one agent share a bucket.
        Assert.Equal(Visitor.BucketOf(IPAddress.Parse("198.51.100.7"), IPhoneSafari, "c", Now), Visitor.BucketOf(IPAddress.Parse("198.51.100.200"), IPhoneSafari, "c", Now));
        Assert.Equal(Visitor.BucketOf(IPAddress.Parse("2001:db8:1:2::5"), IPhoneSafari, "c", Now), Visitor.BucketOf(IPAddress.Parse("2001:db8:1:ffff::9"), IPhoneSafari, "c", Now));
    }

    [Fact]
    public void RuleVariantsAreChosenToo()
    {
        var routing = new QrCodeRouting
        {
            Rules =
            [
                new RoutingRule
                {
                    Conditions = new RoutingConditions { Device = ["android"] },
                    Variants = [new RoutingVariant { Destination = "https://example.com/x", Weight = 50 }, new RoutingVariant { Destination = "https://example.com/y", Weight = 50 }],
                },
            ],
        };

        var seen = Enumerable.Range(0, 200).Select(i => Evaluate(routing, AndroidChrome, address: $"10.0.{i}.1")).ToList();

        Assert.All(seen, a => Assert.Equal(0, a.Rule));
        Assert.Equal(["https://example.com/x", "https://example.com/y"], seen.Select(a => a.Location.ToString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("https://example.com/p", "https://example.com/p?utm_source=poster&utm_medium=print")]
    [InlineData("https://example.com/p?", "https://example.com/p?utm_source=poster&utm_medium=print")]
    [InlineData("https://example.com/p?a=1", "https://example.com/p?a=1&utm_source=poster&utm_medium=print")]
    [InlineData("https://example.com/p?a=1&", "https://example.com/p?a=1&utm_source=poster&utm_medium=print")]
    [InlineData("https://example.com/p#top", "https://example.com/p?utm_source=poster&utm_medium=print#top")]
    [InlineData("https://example.com/p?a=1#x?y", "https://example.com/p?a=1&utm_source=poster&utm_medium=print#x?y")]
    [InlineData("https://example.com/p?UTM_SOURCE=mail", "https://example.com/p?UTM_SOURCE=mail&utm_medium=print")]
    [InlineData("https://example.com/p?utm_source=mail&utm_medium=email", "https://example.com/p?utm_source=mail&utm_medium=email")]
    public void UtmParametersMergeWithoutDuplicatingKeys(string destination, string expected) =>
        Assert.Equal(expected, UtmQuery.Merge(destination, ["poster", "print", null, null, null]));

    [Fact]
    public void UtmValuesAreEscaped() =>
        Assert.Equal("https://example.com/?utm_campaign=spring%20sale%20%26%20more", UtmQuery.Merge("https://example.com/", [null, null, "spring sale & more", null, null]));

    [Fact]
    public void VariantUtmWinsKeyByKeyOverTheCodes()
    {
        var routing = new QrCodeRouting
        {
            Utm = new UtmParameters { Source = "qr", Campaign = "spring" },
            Rules = [Rule("https://example.com/ios", new RoutingConditions { Device = ["ios"] })],
            Variants =
            [
                new RoutingVariant { Destination = "https://example.com/a", Weight = 50, Utm = new UtmParameters { Content = "a" } },
                new RoutingVariant { Destination = "https://example.com/b?utm_source=own", Weight = 50, Utm = new UtmParameters { Campaign = "b-test", Content = "b" } },
            ],
        };
        var compiled = RoutingCompiler.Compile(routing, Default);

        Assert.Equal("https://example.com/ios?utm_source=qr&utm_campaign=spring", Evaluate(routing, IPhoneSafari).Location.ToString());
        var locations = Enumerable.Range(0, 100).Select(i => compiled.Evaluate(new Visitor(WindowsChrome, default, default, IPAddress.Parse($"10.{i}.0.1"), "c", Now), Default).Location.ToString())
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["https://example.com/a?utm_source=qr&utm_campaign=spring&utm_content=a", "https://example.com/b?utm_source=own&utm_campaign=b-test&utm_content=b"], locations);
    }

    [Fact]
    public void CodeUtmAloneChangesTheDefaultDestination()
    {
        var compiled = RoutingCompiler.Compile(new QrCodeRouting { Utm = new UtmParameters { Source = "qr" } }, Default);

        Assert.False(compiled.NeedsVisitor);
        Assert.Equal("https://example.com/default?utm_source=qr", compiled.Evaluate(default, Default).Location.ToString());
    }

    [Fact]
    public void AnExpiredCodeWithAFallbackRedirectsThere()
    {
        var expires = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var withFallback = new RedirectEntry(RedirectState.Active, "qr_1", Default, 302, expires, """{"expiredDestination":"https://example.com/over"}""");
        var without = new RedirectEntry(RedirectState.Active, "qr_1", Default, 302, expires);

        Assert.True(withFallback.RedirectsAt(expires - 1));
        Assert.False(withFallback.FallsBackAt(expires - 1));
        Assert.False(withFallback.RedirectsAt(expires));
        Assert.True(withFallback.FallsBackAt(expires));
        Assert.Equal(new StringValues("https://example.com/over"), withFallback.Compiled!.ExpiredLocation);
        Assert.False(without.FallsBackAt(expires));
    }

    [Fact]
    public void RoutingSurvivesTheL2CopyAndIsCompiledAgain()
    {
        var entry = new RedirectEntry(RedirectState.Active, "qr_1", Default, 302, null, """{"rules":[{"conditions":{"device":["ios"]},"destination":"https://apps.apple.com/app/id1"}]}""");
        var serializer = new RedirectEntrySerializer();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        serializer.Serialize(entry, buffer);

        var copy = serializer.Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal("https://apps.apple.com/app/id1", copy.Compiled!.Evaluate(new Visitor(IPhoneSafari, default, default, null, "c", Now), copy.LocationHeader).Location.ToString());
    }

    [Fact]
    public void UnsafeStoredDestinationsDropTheirRule()
    {
        var entry = new RedirectEntry(RedirectState.Active, "qr_1", Default, 302, null, """{"rules":[{"destination":"javascript:alert(1)"}]}""");

        Assert.Empty(entry.Compiled!.Rules);
    }
}
