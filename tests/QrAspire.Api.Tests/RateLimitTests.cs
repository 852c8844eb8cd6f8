using System.Net;
using System.Net.Http.Json;

namespace QrAspire.Api.Tests;

/// <summary>Rate limits answer 429 problem+json with Retry-After, per caller.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RateLimitTests(ApiHost api)
{
    [Fact]
    public async Task AnonymousRenderingIsLimitedPerAddressWithRetryAfter()
    {
        await using var limited = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["RateLimits:AnonymousRender"] = "3" });
        var client = limited.CreateClient();
        var body = new { content = new { type = "text", text = "hi" }, format = "svg" };

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsJsonAsync("/api/v1/render", body);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/v1/render", body);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task EachApiKeyHasItsOwnBudget()
    {
        await using var limited = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["RateLimits:Authenticated"] = "5" });
        var user = await ApiClient.SignUpAsync(limited);
        var first = await user.CreateApiKeyAsync("codes:read");
        var second = await user.CreateApiKeyAsync("codes:read");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: first);
            statuses.Add(response.StatusCode);
        }

        using var other = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: second);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignInLimitsCountEachForwardedAddressOnlyBehindATrustedProxy(bool trusted)
    {
        // Real Kestrel, so the peer is 127.0.0.1 as it is for the web console in front of the Api.
        var settings = new Dictionary<string, string> { ["RateLimits:Auth"] = "2" };
        if (trusted)
        {
            settings["TRUSTED_PROXIES"] = "127.0.0.1,::1";
        }

        await using var limited = new ApiFactory(api.Infrastructure, settings);
        limited.UseKestrel(0);
        limited.StartServer();
        using var client = limited.CreateClient();

        async Task<HttpStatusCode> SignInFromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "not the password" }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync("198.51.100.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync("198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync("198.51.100.1"));

        // Another person behind the same proxy has a budget of their own, but only when the proxy is trusted:
        // otherwise the header is anyone's to forge, and the peer's budget is spent.
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await SignInFromAsync("198.51.100.2"));
    }
}
