extern alias api;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// The Api in-process, on the fixture's real database and Redis, with test-sized settings; with <paramref name="peer"/>,
/// every request arrives from that address (rate limits count per address, in the Redis every test shares).
/// </summary>
public sealed class ApiFactory(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? overrides = null, IPAddress? peer = null)
    : WebApplicationFactory<api::Program>
{
    public const string JwtSecret = "test-secret-that-is-at-least-32-bytes-long!!";
    public const string RedirectBase = "http://qr.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in infrastructure.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("JWT_SECRET", JwtSecret);
        builder.UseSetting("REDIRECT_BASE_URL", RedirectBase);
        // A cheap hash keeps hundreds of sign-ups fast; production uses 600,000 iterations.
        builder.UseSetting("PASSWORD_HASH_ITERATIONS", "1000");
        // Tests share two cores with other test assemblies: a render may wait longer than production's 2 s for the
        // one render slot. Only the admission tests, which set their own values, expect render-busy.
        builder.UseSetting("RENDER_QUEUE_TIMEOUT_MS", "30000");
        builder.UseSetting("RENDER_QUEUE_LIMIT", "1000");
        builder.UseSetting("RateLimits:Authenticated", "100000");
        builder.UseSetting("RateLimits:Anonymous", "100000");
        builder.UseSetting("RateLimits:Auth", "100000");
        builder.UseSetting("RateLimits:AnonymousRender", "100000");
        // In-process requests have no client address, so every test signs in from the same one.
        builder.UseSetting("LOGIN_FREE_ATTEMPTS_PER_ADDRESS", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (peer is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerAddress(peer)));
        }
    }
}
