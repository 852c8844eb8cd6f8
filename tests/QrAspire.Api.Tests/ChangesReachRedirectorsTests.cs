using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Redirector.Hosting;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// The Api's invalidation end to end: a change made through the Api is served by two running Redirectors (which
/// had the old answer cached) on its message, long before any cache would expire. How fast (the one-second target)
/// is measured in the Redirector's benchmark tier (InvalidationSpeedTests).
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ChangesReachRedirectorsTests(ApiHost api) : IAsyncLifetime
{
    /// <summary>
    /// Well inside the shortest cache expiry (10 s for an unknown code, 5 minutes in L1 for a known one): only the
    /// message can explain a change seen by then, on a machine as busy as it likes.
    /// </summary>
    private static readonly TimeSpan OnItsMessage = TimeSpan.FromSeconds(5);
    private readonly List<(WebApplication App, HttpClient Http)> _redirectors = [];

    [Fact]
    public async Task NewDestinationIsServedByBothRedirectorsOnItsMessage()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/before");
        var path = "/" + code["shortCode"]!.GetValue<string>();
        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://example.com/before", OnItsMessage);

        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { destination = "https://example.com/after" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://example.com/after", OnItsMessage);
    }

    [Fact]
    public async Task PausingAndDeletingAreServedAsGoneOnTheirMessage()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/live");
        var path = "/" + code["shortCode"]!.GetValue<string>();
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Found, OnItsMessage);

        using var paused = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { status = "paused" });
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Gone, OnItsMessage);

        using var resumed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { status = "active" });
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Found, OnItsMessage);

        using var deleted = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code["id"]}");
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Gone, OnItsMessage);
    }

    [Fact]
    public async Task ACodeAskedForBeforeItExistedRedirectsOnceCreated()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var alias = "soon-" + Guid.NewGuid().ToString("N")[..8];
        await AllAsync("/" + alias, response => response.StatusCode == HttpStatusCode.NotFound, OnItsMessage);

        await user.CreateDynamicAsync("https://example.com/launched", extra: new { shortCode = alias });

        await AllAsync("/" + alias, response => response.Headers.Location?.OriginalString == "https://example.com/launched", OnItsMessage);
    }

    [Fact]
    public async Task NewRoutingIsServedByBothRedirectorsOnItsMessage()
    {
        const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/app", extra: new
        {
            routing = new { rules = new[] { new { conditions = new { device = new[] { "android" } }, destination = "https://play.google.com/store/apps/details?id=x" } } },
        });
        var path = "/" + code["shortCode"]!.GetValue<string>();
        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://example.com/app", OnItsMessage, IPhone);

        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new
        {
            routing = new { rules = new[] { new { conditions = new { device = new[] { "ios" } }, destination = "https://apps.apple.com/app/id1" } } },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://apps.apple.com/app/id1", OnItsMessage, IPhone);
    }

    private async Task AllAsync(string path, Func<HttpResponseMessage, bool> served, TimeSpan within, string? userAgent = null)
    {
        foreach (var (i, (_, http)) in _redirectors.Index())
        {
            await Eventually.TrueAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                if (userAgent is not null)
                {
                    request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
                }

                using var response = await http.SendAsync(request);
                return served(response);
            }, within, $"{path} served as expected by Redirector {i + 1}");
        }
    }

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var app = RedirectorApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--ConnectionStrings:db={api.Infrastructure.DatabaseConnectionString}",
                $"--ConnectionStrings:redis={api.Infrastructure.RedisConnectionString}",
                $"--SCAN_SPILL_PATH={TestFolders.New("spill")}",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            _redirectors.Add((app, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) }));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, http) in _redirectors)
        {
            http.Dispose();
            await app.DisposeAsync();
        }
    }
}
