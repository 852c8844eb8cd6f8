using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Redirector.Extensions;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// The Api's invalidation end to end: a change made through the Api is served by two running Redirectors (which
/// had the old answer cached) within one second.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ChangesReachRedirectorsTests(ApiHost api) : IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly List<(WebApplication App, HttpClient Http)> _redirectors = [];

    [Fact]
    public async Task NewDestinationIsServedByBothRedirectorsWithinOneSecond()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/before");
        var path = "/" + code["shortCode"]!.GetValue<string>();
        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://example.com/before", OneSecond);

        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { destination = "https://example.com/after" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        await AllAsync(path, response => response.Headers.Location?.OriginalString == "https://example.com/after", OneSecond);
    }

    [Fact]
    public async Task PausingAndDeletingAreServedAsGoneWithinOneSecond()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/live");
        var path = "/" + code["shortCode"]!.GetValue<string>();
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Found, OneSecond);

        using var paused = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { status = "paused" });
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Gone, OneSecond);

        using var resumed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { status = "active" });
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Found, OneSecond);

        using var deleted = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code["id"]}");
        await AllAsync(path, response => response.StatusCode == HttpStatusCode.Gone, OneSecond);
    }

    [Fact]
    public async Task ACodeAskedForBeforeItExistedRedirectsOnceCreated()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var alias = "soon-" + Guid.NewGuid().ToString("N")[..8];
        await AllAsync("/" + alias, response => response.StatusCode == HttpStatusCode.NotFound, OneSecond);

        await user.CreateDynamicAsync("https://example.com/launched", extra: new { shortCode = alias });

        await AllAsync("/" + alias, response => response.Headers.Location?.OriginalString == "https://example.com/launched", OneSecond);
    }

    private async Task AllAsync(string path, Func<HttpResponseMessage, bool> served, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (_, http) in _redirectors)
        {
            while (true)
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (served(response))
                {
                    break;
                }

                Assert.True(clock.Elapsed < within, $"{path} not served as expected within {within.TotalSeconds} s (last: {(int)response.StatusCode} {response.Headers.Location})");
                await Task.Delay(20);
            }
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
