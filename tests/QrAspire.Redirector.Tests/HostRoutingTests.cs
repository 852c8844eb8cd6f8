using System.Net;
using QrAspire.Platform.Redirects;
using QrAspire.Redirector.Domains;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// The <c>Host</c> header picks whose codes a request names: a verified branded domain's, the service's own, or none
/// (the 404 page). The same short code on three hosts is three cache entries, and each is invalidated on its own.
/// </summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class HostRoutingTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string OwnHost = "qr.test";
    private readonly TestCodes _codes = new(infrastructure);
    private RedirectorServer _server = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _server = await RedirectorServer.StartAsync(infrastructure, ("REDIRECT_HOSTS", OwnHost + ",127.0.0.1"));
        _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static string NewDomainName() => $"go-{Guid.NewGuid():N}"[..16] + ".example.com";

    private async Task<HttpResponseMessage> GetAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = host;
        return await _server.Http.SendAsync(request);
    }

    private async Task<string?> LocationAsync(string host, string path)
    {
        using var response = await GetAsync(host, path);
        return response.Headers.Location?.OriginalString;
    }

    /// <summary>Announces a domain change as the Api does, and waits until the Redirector routes <paramref name="name"/>.</summary>
    private async Task RoutedAsync(string name, string code, string location)
    {
        await Invalidate.PublishAsync(_redis, RedirectInvalidation.DomainsChanged);
        await Eventually.TrueAsync(async () => await LocationAsync(name, "/" + code) == location, InvalidationTests.OnItsMessage, $"{name} routed");
    }

    [Fact]
    public async Task TheSameShortCodeOnTwoDomainsAndTheOwnHostRedirectsEachToItsOwnDestination()
    {
        var code = TestCodes.NewCode("same");
        var first = NewDomainName();
        var second = NewDomainName();
        var firstId = await _codes.AddDomainAsync(first);
        var secondId = await _codes.AddDomainAsync(second);
        await _codes.AddAsync("https://example.com/own", shortCode: code);
        await _codes.AddAsync("https://example.com/first", shortCode: code, domainId: firstId);
        await _codes.AddAsync("https://example.com/second", shortCode: code, domainId: secondId);
        await RoutedAsync(first, code, "https://example.com/first");
        await RoutedAsync(second, code, "https://example.com/second");

        // Twice each, so the second answer comes from L1: entries must not mix there either.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal("https://example.com/own", await LocationAsync(OwnHost, "/" + code));
            Assert.Equal("https://example.com/first", await LocationAsync(first, "/" + code));
            Assert.Equal("https://example.com/second", await LocationAsync(second, "/" + code));
            // Case, a port and a trailing dot name the same host.
            Assert.Equal("https://example.com/first", await LocationAsync(first.ToUpperInvariant() + ".:443", "/" + code));
        }

        // A fresh Redirector fills L1 from L2 (Redis): those keys must be separate too.
        await using var fresh = await RedirectorServer.StartAsync(infrastructure, ("REDIRECT_HOSTS", OwnHost));
        await Eventually.TrueAsync(async () =>
        {
            using var copy = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + code, UriKind.Relative));
            copy.Headers.Host = second;
            using var response = await fresh.Http.SendAsync(copy);
            return response.Headers.Location?.OriginalString == "https://example.com/second";
        }, InvalidationTests.OnItsMessage, "a fresh Redirector routes the second domain");
    }

    [Fact]
    public async Task AChangeOnOneDomainIsInvalidatedWithoutTouchingTheSameCodeElsewhere()
    {
        var code = TestCodes.NewCode("inv");
        var name = NewDomainName();
        var domainId = await _codes.AddDomainAsync(name);
        await _codes.AddAsync("https://example.com/own-before", shortCode: code);
        await _codes.AddAsync("https://example.com/branded-before", shortCode: code, domainId: domainId);
        await RoutedAsync(name, code, "https://example.com/branded-before");
        Assert.Equal("https://example.com/own-before", await LocationAsync(OwnHost, "/" + code));

        await _codes.UpdateOnDomainAsync(domainId, code, "https://example.com/branded-after");
        await Invalidate.PublishAsync(_redis, RedirectInvalidation.KeyOf(domainId, code));

        await Eventually.TrueAsync(async () => await LocationAsync(name, "/" + code) == "https://example.com/branded-after",
            InvalidationTests.OnItsMessage, "the branded code's change is served");
        Assert.Equal("https://example.com/own-before", await LocationAsync(OwnHost, "/" + code));
    }

    [Fact]
    public async Task UnknownAndUnverifiedHostsGetTheNotFoundPage()
    {
        var code = await _codes.AddAsync("https://example.com/own-only");
        var pending = NewDomainName();
        var pendingId = await _codes.AddDomainAsync(pending, verified: false);
        await _codes.AddAsync("https://example.com/pending", shortCode: code, domainId: pendingId);
        await Invalidate.PublishAsync(_redis, RedirectInvalidation.DomainsChanged);
        Assert.Equal("https://example.com/own-only", await LocationAsync(OwnHost, "/" + code));

        foreach (var host in new[] { "unknown.example.org", pending, "[::1]" })
        {
            using var response = await GetAsync(host, "/" + code);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("does not exist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ACodeOfTheOwnHostIsNotServedOnABrandedDomain()
    {
        var name = NewDomainName();
        var domainId = await _codes.AddDomainAsync(name);
        var branded = await _codes.AddAsync("https://example.com/branded", domainId: domainId);
        var own = await _codes.AddAsync("https://example.com/own");
        await RoutedAsync(name, branded, "https://example.com/branded");

        using (var ownOnBranded = await GetAsync(name, "/" + own))
        {
            Assert.Equal(HttpStatusCode.NotFound, ownOnBranded.StatusCode);
        }

        using var brandedOnOwn = await GetAsync(OwnHost, "/" + branded);
        Assert.Equal(HttpStatusCode.NotFound, brandedOnOwn.StatusCode);
    }

    [Fact]
    public void WithoutOwnHostsEveryHostThatIsNotBrandedServesTheOwnCodes()
    {
        var routing = new HostRouting([]);
        Assert.True(routing.TryKey("anything.example.org", "abc", out var key));
        Assert.Equal("abc", key);

        routing.Replace(new Dictionary<string, string> { ["go.example.com"] = "dom_1" });
        Assert.True(routing.TryKey("GO.example.com:8080", "abc", out key));
        Assert.Equal("dom_1/abc", key);
        Assert.True(routing.TryKey("other.example.org", "abc", out key));
        Assert.Equal("abc", key);

        var strict = new HostRouting(["qr.example.com"]);
        Assert.False(strict.TryKey("other.example.org", "abc", out _));
        Assert.True(strict.TryKey("qr.example.com.", "abc", out key));
        Assert.Equal("abc", key);
    }
}
