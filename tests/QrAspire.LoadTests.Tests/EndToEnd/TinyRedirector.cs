using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>A stand-in Redirector on 127.0.0.1 that answers every /{code} with a 302 after <c>delay</c>.</summary>
internal sealed class TinyRedirector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TinyRedirector(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<TinyRedirector> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/{code}", async (string code) =>
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            return Results.Redirect($"https://example.com/{code}");
        });
        await app.StartAsync();
        return new TinyRedirector(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
