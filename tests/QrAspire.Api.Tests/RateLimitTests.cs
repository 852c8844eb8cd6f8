using System.Net;
using System.Net.Http.Json;

namespace QrAspire.Api.Tests;

/// <summary>
/// Rate limits answer 429 problem+json with Retry-After, per account or client network, and are counted in the Redis
/// every replica shares: two Api hosts on one Redis draw on one budget. Every test counts from addresses of its own.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RateLimitTests(ApiHost api)
{
    private static readonly object RenderBody = new { content = new { type = "text", text = "hi" }, format = "svg" };

    private static async Task<HttpStatusCode> RenderAsync(HttpClient client, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/render") { Content = JsonContent.Create(RenderBody) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AnonymousRenderingIsLimitedPerAddressWithRetryAfter()
    {
        await using var limited = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["RateLimits:AnonymousRender"] = "3" }, PeerAddress.NewIPv4());
        var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await RenderAsync(client));
        }

        using var refused = await client.PostAsJsonAsync("/api/v1/render", RenderBody);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task TwoReplicasOnOneRedisShareTheAnonymousBudget()
    {
        var peer = PeerAddress.NewIPv4();
        var settings = new Dictionary<string, string> { ["RateLimits:AnonymousRender"] = "3" };
        await using var first = new ApiFactory(api.Infrastructure, settings, peer);
        await using var second = new ApiFactory(api.Infrastructure, settings, peer);
        var (a, b) = (first.CreateClient(), second.CreateClient());

        var statuses = new[] { await RenderAsync(a), await RenderAsync(b), await RenderAsync(a), await RenderAsync(b) };

        // Per process, each replica would still have room for the fourth.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task TwoReplicasOnOneRedisShareAnAccountsBudget()
    {
        var settings = new Dictionary<string, string> { ["RateLimits:Authenticated"] = "6" };
        await using var first = new ApiFactory(api.Infrastructure, settings, PeerAddress.NewIPv4());
        await using var second = new ApiFactory(api.Infrastructure, settings, PeerAddress.NewIPv4());
        var user = await ApiClient.SignUpAsync(first); // sign-up is anonymous: not from the account's budget
        var onSecond = new ApiClient(second.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var viaFirst = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
            using var viaSecond = await onSecond.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: user.AccessToken);
            statuses.AddRange([viaFirst.StatusCode, viaSecond.StatusCode]);
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[6..]);
    }

    [Fact]
    public async Task ApiKeysOfOneAccountShareItsBudget()
    {
        await using var limited = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["RateLimits:Authenticated"] = "8" }, PeerAddress.NewIPv4());
        var user = await ApiClient.SignUpAsync(limited);
        var first = await user.CreateApiKeyAsync("codes:read");
        var second = await user.CreateApiKeyAsync("codes:read"); // two key creations: 2 of 8 spent

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: first);
            statuses.Add(response.StatusCode);
        }

        using var withAnotherKey = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: second);
        using var aThirdKey = await user.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "more budget?", scopes = new[] { "codes:read" } });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await ProblemAssert.IsProblemAsync(withAnotherKey, HttpStatusCode.TooManyRequests);
        await ProblemAssert.IsProblemAsync(aThirdKey, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task IPv6ClientsAreCountedPerSlash64()
    {
        var network = PeerAddress.NewIPv6Network();
        var elsewhere = PeerAddress.NewIPv6Network();
        var settings = new Dictionary<string, string> { ["RateLimits:AnonymousRender"] = "2" };
        await using var one = new ApiFactory(api.Infrastructure, settings, PeerAddress.InNetwork(network, 1));
        await using var neighbour = new ApiFactory(api.Infrastructure, settings, PeerAddress.InNetwork(network, 2));
        await using var stranger = new ApiFactory(api.Infrastructure, settings, PeerAddress.InNetwork(elsewhere, 1));

        Assert.Equal(HttpStatusCode.OK, await RenderAsync(one.CreateClient()));
        Assert.Equal(HttpStatusCode.OK, await RenderAsync(one.CreateClient()));

        Assert.Equal(HttpStatusCode.TooManyRequests, await RenderAsync(neighbour.CreateClient()));
        Assert.Equal(HttpStatusCode.OK, await RenderAsync(stranger.CreateClient()));
    }

    [Fact]
    public async Task WithoutRedisEachReplicaStillLimitsAndAnswers()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,connectTimeout=200",
            ["RateLimits:AnonymousRender"] = "2",
        };
        await using var alone = new ApiFactory(api.Infrastructure, settings, PeerAddress.NewIPv4());
        var client = alone.CreateClient();

        var statuses = new[] { await RenderAsync(client), await RenderAsync(client), await RenderAsync(client) };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignInLimitsCountEachForwardedAddressOnlyBehindATrustedProxy(bool trusted)
    {
        // The peer is a proxy, as the web console and the ingress are in front of the Api.
        var proxy = PeerAddress.NewIPv4();
        var settings = new Dictionary<string, string> { ["RateLimits:Auth"] = "2" };
        if (trusted)
        {
            settings["TRUSTED_PROXIES"] = proxy.ToString();
        }

        await using var limited = new ApiFactory(api.Infrastructure, settings, proxy);
        using var client = limited.CreateClient();
        var (person, another) = (PeerAddress.InNetwork(PeerAddress.NewIPv6Network(), 1), PeerAddress.InNetwork(PeerAddress.NewIPv6Network(), 1));

        async Task<HttpStatusCode> SignInFromAsync(IPAddress address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "not the password" }),
            };
            request.Headers.Add("X-Forwarded-For", address.ToString());
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(person));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(person));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(person));

        // Another person behind the same proxy has a budget of their own, but only when the proxy is trusted:
        // otherwise the header is anyone's to forge, and the peer's budget is spent.
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await SignInFromAsync(another));
    }
}
