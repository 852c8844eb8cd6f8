using System.Net;
using QrAspire.Platform.Database;
using QrAspire.Platform.Redirects;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// Scan-limited codes: counted scans (people, not bots or HEAD) up to the limit, then the fallback or 410 — recorded as
/// limit-fallback scans, which do not count toward the limit.
/// </summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ScanLimitTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Destination = "https://example.com/offer";
    private const string Fallback = "https://example.com/sold-out";
    private const string WithFallback = """{"scanLimit":{"scans":3,"fallbackDestination":"https://example.com/sold-out"}}""";

    private readonly TestCodes _codes = new(infrastructure);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AfterTheLimitScansGoToTheFallbackAndBotsAndHeadDoNotCount()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: WithFallback);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Destination, await ScanAsync(server, code, "facebookexternalhit/1.1"));
            using var head = await server.HeadAsync("/" + code);
            Assert.Equal(Destination, head.Headers.Location?.OriginalString);
            Assert.Equal(Destination, await ScanAsync(server, code));
        }

        Assert.Equal(Fallback, await ScanAsync(server, code));
        Assert.Equal(Fallback, await ScanAsync(server, code));
        Assert.Equal(Fallback, await ScanAsync(server, code, "facebookexternalhit/1.1")); // bots see what people see
    }

    [Fact]
    public async Task AfterTheLimitWithoutAFallbackTheCodeIsGoneAndTheScanIsRecordedAsPastTheLimit()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: """{"scanLimit":{"scans":2}}""");

        Assert.Equal(Destination, await ScanAsync(server, code));
        Assert.Equal(Destination, await ScanAsync(server, code));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", RoutingTests.AndroidChrome);
        using var gone = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Null(gone.Headers.Location);
        var events = await RedirectorWaits.ScansAsync(_redis, code, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(3, events.Count);
        var past = Assert.Single(events, e => e.LimitFallback == true);
        Assert.Equal((RoutingTests.AndroidChrome, "GET", (int?)null), (past.UserAgent, past.Method, past.Rule));
    }

    [Fact]
    public async Task ScansPastTheLimitAreRecordedAsTheLimitFallbackAndLeaveARaisedLimitItsWholeDifference()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: WithFallback);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Destination, await ScanAsync(server, code));
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Fallback, await ScanAsync(server, code));
        }

        var events = await RedirectorWaits.ScansAsync(_redis, code, 7, TimeSpan.FromSeconds(10));
        Assert.Equal(7, events.Count);
        Assert.Equal(4, events.Count(e => e.LimitFallback == true));
        Assert.All(events, e => Assert.Null(e.ExpiredFallback));
        Assert.All(events.Where(e => e.LimitFallback == true), e => Assert.Equal(((int?)null, (int?)null), (e.Rule, e.Variant)));

        // Raised by two: the scans sent to the fallback took none of it.
        await _codes.SetRoutingAsync(code, """{"scanLimit":{"scans":5,"fallbackDestination":"https://example.com/sold-out"}}""");
        await Invalidate.PublishAsync(_redis, code);
        await Eventually.TrueAsync(async () => await ScanAsync(server, code) == Destination, TimeSpan.FromSeconds(5), "the raised limit");

        Assert.Equal(Destination, await ScanAsync(server, code));
        Assert.Equal(Fallback, await ScanAsync(server, code));
    }

    [Fact]
    public async Task ACountNotInRedisLeavesOutTheStoredScansPastTheLimit()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: WithFallback);
        await _codes.AddStoredScansAsync(code, 6);
        await _codes.AddStoredRouteScansAsync(code, Schema.ScanRouteHours.Rules.LimitFallback, 4); // of those six
        await _codes.AddStoredRouteScansAsync(code, 0, 2); // a rule's scans count

        Assert.Equal(Destination, await ScanAsync(server, code)); // the third
        Assert.Equal(Fallback, await ScanAsync(server, code));
    }

    [Fact]
    public async Task TwoRedirectorsShareOneCount()
    {
        await using var first = await RedirectorServer.StartAsync(infrastructure);
        await using var second = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: WithFallback);

        Assert.Equal(Destination, await ScanAsync(first, code));
        Assert.Equal(Destination, await ScanAsync(second, code));
        Assert.Equal(Destination, await ScanAsync(first, code));

        Assert.Equal(Fallback, await ScanAsync(second, code));
        Assert.Equal(Fallback, await ScanAsync(first, code));
    }

    [Fact]
    public async Task ACountNotInRedisStartsFromTheScansAnalyticsStored()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var spent = await _codes.AddAsync(Destination, routing: WithFallback);
        await _codes.AddStoredScansAsync(spent, 3);
        var botsOnly = await _codes.AddAsync(Destination, routing: WithFallback);
        await _codes.AddStoredScansAsync(botsOnly, 50, isBot: true);
        await _codes.AddStoredScansAsync(botsOnly, 50, isHead: true);
        await _codes.AddStoredScansAsync(botsOnly, 2);

        Assert.Equal(Fallback, await ScanAsync(server, spent));
        Assert.Equal(Destination, await ScanAsync(server, botsOnly)); // the third person
        Assert.Equal(Fallback, await ScanAsync(server, botsOnly));
    }

    [Fact]
    public async Task RaisingTheLimitReachesTheRedirectorThroughInvalidation()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: """{"scanLimit":{"scans":1}}""");
        Assert.Equal(Destination, await ScanAsync(server, code));
        using (var gone = await server.GetAsync("/" + code))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }

        await _codes.SetRoutingAsync(code, """{"scanLimit":{"scans":100}}""");
        await Invalidate.PublishAsync(_redis, code);

        await Eventually.TrueAsync(async () => await ScanAsync(server, code) == Destination, TimeSpan.FromSeconds(5), "the raised limit");
    }

    [Fact]
    public async Task APasswordProtectedCodeCountsUnlockedScans()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: """{"scanLimit":{"scans":1,"fallbackDestination":"https://example.com/sold-out"}}""");
        await _codes.SetPasswordHashAsync(code, QrAspire.Platform.Protection.CodePassword.Hash("secret1", 1_000));

        using var form = await server.GetAsync("/" + code); // the form is no scan
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        using var first = await server.Http.PostAsync(new Uri("/" + code, UriKind.Relative), new FormUrlEncodedContent([new("password", "secret1")]));
        using var second = await server.Http.PostAsync(new Uri("/" + code, UriKind.Relative), new FormUrlEncodedContent([new("password", "secret1")]));

        Assert.Equal(Destination, first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(Fallback, second.Headers.Location?.OriginalString);
    }

    private static async Task<string?> ScanAsync(RedirectorServer server, string code, string userAgent = RoutingTests.IPhoneSafari)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + code);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await server.Http.SendAsync(request);
        return response.Headers.Location?.OriginalString;
    }
}
