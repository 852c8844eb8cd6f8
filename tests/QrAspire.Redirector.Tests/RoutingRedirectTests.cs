using System.Net;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Routing end to end: a code's stored rules answered by a running Redirector to real phones' requests.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RoutingRedirectTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string AppStore = "https://apps.apple.com/app/id123456789";
    private const string Play = "https://play.google.com/store/apps/details?id=dev.qraspire.demo";
    private const string Default = "https://example.com/app";

    private const string Routing = """
        {"rules":[
          {"conditions":{"device":["ios"]},"destination":"https://apps.apple.com/app/id123456789"},
          {"conditions":{"device":["android"]},"destination":"https://play.google.com/store/apps/details?id=dev.qraspire.demo"},
          {"conditions":{"language":["fr"]},"destination":"https://example.com/fr"},
          {"conditions":{"country":["CH"]},"destination":"https://example.com/ch"}],
         "utm":{"source":"qr"}}
        """;

    private readonly TestCodes _codes = new(infrastructure);
    private RedirectorServer _server = null!;

    // Loopback is a trusted proxy here, so the country header a CDN would add is believed.
    public async Task InitializeAsync() => _server = await RedirectorServer.StartAsync(infrastructure, ("TRUSTED_PROXIES", "127.0.0.1,::1"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(RoutingTests.IPhoneSafari, null, AppStore + "?utm_source=qr")]
    [InlineData(RoutingTests.AndroidChrome, null, Play + "&utm_source=qr")]
    [InlineData(RoutingTests.WindowsChrome, null, Default + "?utm_source=qr")]
    [InlineData(RoutingTests.MacSafari, "fr-FR,fr;q=0.9,en;q=0.5", "https://example.com/fr?utm_source=qr")]
    [InlineData(RoutingTests.IPhoneSafari, "fr-FR", AppStore + "?utm_source=qr")]
    public async Task PhonesAndLanguagesGetTheirDestinations(string userAgent, string? acceptLanguage, string expected)
    {
        var code = await _codes.AddAsync(Default, routing: Routing);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        for (var i = 0; i < 2; i++) // a database read, then an L1 hit
        {
            using var response = await _server.Http.SendAsync(Clone(request));

            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task ATrustedProxysCountryHeaderIsBelieved()
    {
        var code = await _codes.AddAsync(Default, routing: Routing);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", RoutingTests.WindowsChrome);
        request.Headers.TryAddWithoutValidation("CloudFront-Viewer-Country", "CH");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal("https://example.com/ch?utm_source=qr", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ACountryHeaderFromAnyoneElseIsIgnored()
    {
        await using var untrusting = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Default, routing: Routing);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", RoutingTests.WindowsChrome);
        request.Headers.TryAddWithoutValidation("CloudFront-Viewer-Country", "CH");

        using var response = await untrusting.Http.SendAsync(request);

        Assert.Equal(Default + "?utm_source=qr", response.Headers.Location?.OriginalString);
    }

    [SkippableTheory]
    [InlineData("130.59.31.248", null, "https://example.com/ch?utm_source=qr")] // SWITCH, the Swiss research network
    [InlineData("2001:620:0:ff::2", null, "https://example.com/ch?utm_source=qr")] // SWITCH, IPv6
    [InlineData("8.8.8.8", null, Default + "?utm_source=qr")] // Google Public DNS, US
    [InlineData("8.8.8.8", "CH", "https://example.com/ch?utm_source=qr")] // a trusted proxy's header wins
    [InlineData("130.59.31.248", "US", Default + "?utm_source=qr")]
    [InlineData("192.168.0.10", null, Default + "?utm_source=qr")] // private: no country, whatever the database maps it to
    public async Task WithoutACountryHeaderTheGeoIpDatabaseNamesTheClientsCountry(string client, string? header, string expected)
    {
        Skip.If(InstalledGeoIpDatabase.Path is null, InstalledGeoIpDatabase.Missing);
        await using var geolocating = await RedirectorServer.StartAsync(infrastructure, ("TRUSTED_PROXIES", "127.0.0.1,::1"), ("GEOIP_DATABASE_PATH", InstalledGeoIpDatabase.Path));
        var code = await _codes.AddAsync(Default, routing: Routing);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", RoutingTests.WindowsChrome);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", client); // the client's address, from a trusted proxy
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("CloudFront-Viewer-Country", header);
        }

        using var response = await geolocating.Http.SendAsync(request);

        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnExpiredCodeWithAFallbackRedirectsToItAndOneWithoutIsGone()
    {
        var expired = DateTime.UtcNow.AddMinutes(-1);
        var withFallback = await _codes.AddAsync(Default, expiresAt: expired, routing: """{"expiredDestination":"https://example.com/over"}""");
        var without = await _codes.AddAsync(Default, expiresAt: expired);

        using var fallback = await _server.GetAsync("/" + withFallback);
        using var gone = await _server.GetAsync("/" + without);

        Assert.Equal(HttpStatusCode.Found, fallback.StatusCode);
        Assert.Equal("https://example.com/over", fallback.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
