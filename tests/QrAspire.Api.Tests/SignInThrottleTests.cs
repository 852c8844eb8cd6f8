extern alias api;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace QrAspire.Api.Tests;

/// <summary>
/// Sign-in throttling with the production budgets (5 free attempts per account and address, 20 per address), each
/// request from the client address a test names — the in-process server has none of its own.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class SignInThrottleTests(ApiHost api) : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private WebApplicationFactory<api::Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["LOGIN_FREE_ATTEMPTS_PER_ADDRESS"] = "20" })
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ParallelGuessesCannotAllReachThePasswordCheck()
    {
        var owner = await ApiClient.SignUpAsync(_factory);
        var attacker = NewAddress();

        var statuses = await GuessInParallelAsync(owner.Email, 30, _ => attacker);

        // Only the free attempts (and at most one holder of the back-off slot) were checked; the rest never reached the hash.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, 6);
        Assert.Equal(30, statuses.Count(s => s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task TheOwnerSignsInFromTheirAddressWhileAnotherAddressIsLockedOut()
    {
        var owner = await ApiClient.SignUpAsync(_factory);
        var attacker = NewAddress();

        var statuses = await GuessInParallelAsync(owner.Email, 12, _ => attacker);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(owner.Email, Password, NewAddress()));
    }

    [Fact]
    public async Task GuessesFromOneIpv6SubnetCountAsOneAddress()
    {
        var owner = await ApiClient.SignUpAsync(_factory);
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";

        // Every guess from a different address of the same /64.
        var statuses = await GuessInParallelAsync(owner.Email, 12, i => $"{prefix}::{i + 1:x}");

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, 6);
    }

    [Fact]
    public async Task ACompletedPasswordResetClearsTheThrottle()
    {
        var owner = await ApiClient.SignUpAsync(_factory);
        var home = NewAddress();
        Assert.Contains(HttpStatusCode.TooManyRequests, await GuessInParallelAsync(owner.Email, 30, _ => home));

        using var client = _factory.CreateClient();
        using var asked = await client.SendAsync(From(home, HttpMethod.Post, "/api/v1/auth/password-reset", new { email = owner.Email }));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = await Mailbox.TokenAsync(_factory, owner.Email, "reset-password");
        using var reset = await client.SendAsync(From(home, HttpMethod.Post, "/api/v1/auth/password-reset/confirm", new { token, password = "remembered at last" }));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(owner.Email, "remembered at last", home));
    }

    [Fact]
    public async Task AnAddressGuessingAcrossManyAccountsIsSlowedDown()
    {
        var address = NewAddress();
        using var client = _factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            client.SendAsync(From(address, HttpMethod.Post, "/api/v1/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "guess" }))));

        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), 1, 21);
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private Task<HttpStatusCode[]> GuessInParallelAsync(string email, int count, Func<int, string> address) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => LoginStatusAsync(email, "guess number " + i, address(i))));

    private async Task<HttpStatusCode> LoginStatusAsync(string email, string password, string address)
    {
        using var client = _factory.CreateClient();
        using var response = await client.SendAsync(From(address, HttpMethod.Post, "/api/v1/auth/login", new { email, password }));
        return response.StatusCode;
    }

    private static HttpRequestMessage From(string address, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ClientAddressFromHeader.Header, address);
        return request;
    }

    // 198.18.0.0/15 is for benchmarks: no real client has it.
    private static string NewAddress() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>Gives each in-process request the client address it names, as a connection from that address would.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
