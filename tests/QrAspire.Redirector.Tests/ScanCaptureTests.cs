using System.Net;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>Every redirect of an active code queues exactly one scan event with what the Worker needs.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ScanCaptureTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly TestCodes _codes = new(infrastructure);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task NRedirectsQueueExactlyNScanEvents()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync("https://example.com/counted");
        const int N = 300;

        await Parallel.ForAsync(0, N, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            using var response = await server.GetAsync("/" + code);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        });

        var events = await RedirectorWaits.ScansAsync(_redis, code, N, TimeSpan.FromSeconds(10));
        Assert.Equal(N, events.Count);
        Assert.Equal(N, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.True(Guid.TryParse(e.Id, out var id) && id.Version == 7));
    }

    [Fact]
    public async Task ScanEventCarriesTheRequestsDetails()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync("https://example.com/details");
        var before = DateTime.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)");
        request.Headers.TryAddWithoutValidation("Referer", "https://poster.example/");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-CH,de;q=0.9");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");

        using var response = await server.Http.SendAsync(request);

        var scan = Assert.Single(await RedirectorWaits.ScansAsync(_redis, code, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(code, scan.Code);
        Assert.StartsWith("qr_", scan.QrId, StringComparison.Ordinal);
        Assert.InRange(scan.OccurredAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(DateTimeKind.Utc, scan.OccurredAt.Kind);
        Assert.Equal("127.0.0.1", scan.Ip); // No trusted proxy configured: the header is not believed.
        Assert.Equal("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", scan.UserAgent);
        Assert.Equal("https://poster.example/", scan.Referrer);
        Assert.Equal("de-CH,de;q=0.9", scan.AcceptLanguage);
        Assert.Equal("GET", scan.Method);
        Assert.False(scan.IsHead);
        Assert.False(scan.IsBot);
    }

    [Fact]
    public async Task ForwardedForIsBelievedOnlyFromATrustedProxy()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"));
        var code = await _codes.AddAsync("https://example.com/proxied");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.1, 203.0.113.50, 10.1.2.3");

        using var response = await server.Http.SendAsync(request);

        var scan = Assert.Single(await RedirectorWaits.ScansAsync(_redis, code, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal("203.0.113.50", scan.Ip);
    }

    [Fact]
    public async Task HeadRequestsAndLinkPreviewBotsAreFlaggedApart()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync("https://example.com/previewed");
        using var head = await server.HeadAsync("/" + code);
        using var bot = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        bot.Headers.TryAddWithoutValidation("User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
        using var botResponse = await server.Http.SendAsync(bot);

        var scans = await RedirectorWaits.ScansAsync(_redis, code, 2, TimeSpan.FromSeconds(10));

        var headScan = Assert.Single(scans, s => s.IsHead);
        Assert.Equal("HEAD", headScan.Method);
        var botScan = Assert.Single(scans, s => s.IsBot);
        Assert.Equal("Slackbot", botScan.Bot);
        Assert.False(botScan.IsHead);
    }

    [Fact]
    public async Task OnlyRedirectsOfActiveCodesAreScans()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var paused = await _codes.AddAsync("https://example.com/paused", status: 1);
        var unknown = TestCodes.NewCode("none");
        var active = await _codes.AddAsync("https://example.com/active");

        using (await server.GetAsync("/" + paused))
        using (await server.GetAsync("/" + unknown))
        using (await server.GetAsync("/" + active))
        {
        }

        Assert.Single(await RedirectorWaits.ScansAsync(_redis, active, 1, TimeSpan.FromSeconds(10)));
        Assert.Empty(await RedirectorWaits.ScansNowAsync(_redis, paused));
        Assert.Empty(await RedirectorWaits.ScansNowAsync(_redis, unknown));
    }

    [Fact]
    public async Task StoppingDrainsEveryAcceptedScanToTheQueue()
    {
        var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync("https://example.com/drained");
        const int N = 200;
        await Parallel.ForAsync(0, N, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            using var response = await server.GetAsync("/" + code);
        });

        await server.DisposeAsync();

        Assert.Equal(N, (await RedirectorWaits.ScansNowAsync(_redis, code)).Count);
    }
}
