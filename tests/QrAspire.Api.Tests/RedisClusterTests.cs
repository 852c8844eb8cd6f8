using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using QrAspire.Platform.Redirects;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Api.Tests;

/// <summary>
/// The Api on a real three-master Redis Cluster: sign-in throttling, its reset, the shared rate limits and the
/// redirect invalidation count and publish there as on one Redis. A cluster refuses a transaction or a multi-key
/// command whose keys live in different slots; the Api would then skip throttling (it lets people in when Redis
/// cannot answer), and these tests would see no 429.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Mode", "local")]
public sealed class RedisClusterTests(ApiHost api, RedisCluster cluster) : IClassFixture<RedisCluster>
{
    private ApiFactory OnCluster(IPAddress peer, Dictionary<string, string>? settings = null)
    {
        Skip.If(cluster.Unavailable is not null, cluster.Unavailable);
        var overrides = new Dictionary<string, string>(settings ?? []) { ["ConnectionStrings:redis"] = cluster.ConnectionString };
        return new ApiFactory(api.Infrastructure, overrides, peer);
    }

    [SkippableFact]
    public async Task SignInGuessesAreThrottledAndAResetClearsTheThrottle()
    {
        await using var factory = OnCluster(PeerAddress.NewIPv4());
        var owner = await ApiClient.SignUpAsync(factory);
        using var http = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "guess number " + i });
            statuses.Add(guess.StatusCode);
        }

        // Five free attempts per account and address, then the back-off refuses before the password is checked.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(5));

        using var asked = await http.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = owner.Email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = await Mailbox.TokenAsync(factory, owner.Email, "reset-password");
        using var reset = await http.PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, password = "remembered at last" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "remembered at last" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [SkippableFact]
    public async Task TheSharedRateLimitCountsOnTheCluster()
    {
        await using var factory = OnCluster(PeerAddress.NewIPv4(), new() { ["RateLimits:AnonymousRender"] = "3" });
        using var http = factory.CreateClient();
        var body = new { content = new { type = "text", text = "hi" }, format = "svg" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/render", body);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [SkippableFact]
    public async Task AChangedDestinationIsPublishedToTheRedirectorsOnTheCluster()
    {
        await using var factory = OnCluster(PeerAddress.NewIPv4());
        var owner = await ApiClient.SignUpAsync(factory);
        var code = await owner.CreateDynamicAsync("https://example.com/before");
        var (id, shortCode) = (code["id"]!.GetValue<string>(), code["shortCode"]!.GetValue<string>());
        await using var redirector = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        var heard = new ConcurrentQueue<string>();
        await redirector.GetSubscriber().SubscribeAsync(RedirectInvalidation.Channel, (_, message) => heard.Enqueue(message.ToString()));

        using var changed = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/after" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(heard.Contains(shortCode)), TimeSpan.FromSeconds(10), $"{shortCode} published");
    }
}
