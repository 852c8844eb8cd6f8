using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QrAspire.LoadTests.Tests.Scenarios;

/// <summary>
/// A Redirector and an analytics Api in one server on 127.0.0.1, with a scan pipeline of known lag: a redirect of a
/// code is counted in <c>/api/v1/qr-codes/{id}/analytics</c> (id = short code) <c>lag</c> after it happened.
/// Analytics requests must carry the API key and a from/to/includeBots=true query, as the real Api needs. It also
/// answers the seeding calls (register, API key, create code) so the whole harness can run against it.
/// </summary>
internal sealed class FakeScanPipeline : IAsyncDisposable
{
    public const string ApiKey = "qa_test_key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _redirectedAt = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _polls;
    private int _created;

    private FakeScanPipeline(TimeSpan? lag, int analyticsStatus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/v1/auth/register", () => Results.Text("""{"tokens":{"accessToken":"token"}}""", "application/json"));
        _app.MapPost("/api/v1/api-keys", () => Results.Text($$"""{"key":"{{ApiKey}}"}""", "application/json"));
        _app.MapPost("/api/v1/qr-codes", () =>
        {
            var code = $"c{Interlocked.Increment(ref _created)}";
            return Results.Text(
                $$"""{"id":"{{code}}","name":"load","type":"dynamic","shortCode":"{{code}}","status":"active","tags":[],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","version":1,"imageUrl":"/api/v1/qr-codes/{{code}}/image.png"}""",
                "application/json", statusCode: 201);
        });
        _app.MapGet("/api/v1/qr-codes/{id}/analytics", (string id, HttpRequest request) =>
        {
            Interlocked.Increment(ref _polls);
            if (request.Headers["X-Api-Key"] != ApiKey)
            {
                return Results.StatusCode(401);
            }

            if (!request.Query.ContainsKey("from") || !request.Query.ContainsKey("to") || request.Query["includeBots"] != "true")
            {
                return Results.StatusCode(400);
            }

            if (analyticsStatus != 200)
            {
                return Results.StatusCode(analyticsStatus);
            }

            var visible = lag is { } delay && _redirectedAt.TryGetValue(id, out var at) && _clock.ElapsedTicks - at >= delay.TotalSeconds * Stopwatch.Frequency;
            return Results.Text($$$"""{"totals":{"scans":{{{(visible ? 1 : 0)}}},"uniqueScanners":0}}""", "application/json");
        });
        _app.MapGet("/{code}", (string code) =>
        {
            _redirectedAt.TryAdd(code, _clock.ElapsedTicks);
            return Results.Redirect($"https://example.com/{code}");
        });
    }

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>How many codes the harness created through the fake Api.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>How many codes were redirected.</summary>
    public int Redirected => _redirectedAt.Count;

    /// <summary>How many analytics requests the server answered.</summary>
    public int Polls => Volatile.Read(ref _polls);

    public bool WasRedirected(string code) => _redirectedAt.ContainsKey(code);

    /// <summary>A pipeline that shows each scan <paramref name="lag"/> after its redirect; null = never.</summary>
    public static async Task<FakeScanPipeline> StartAsync(TimeSpan? lag, int analyticsStatus = 200)
    {
        var pipeline = new FakeScanPipeline(lag, analyticsStatus);
        await pipeline._app.StartAsync();
        return pipeline;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
