using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using StackExchange.Redis;

namespace QrAspire.Web.Hosting;

/// <summary>
/// What the console needs behind a TLS-terminating proxy: the browser's scheme and address from trusted proxies only,
/// HSTS and <c>Secure</c> cookies outside Development, and a Data Protection key ring that is encrypted at rest and
/// shared by every replica (so a cookie issued by one pod is read by the next).
/// </summary>
internal static class TransportSecurity
{
    /// <summary>The Redis key that holds the key ring (a list of encrypted XML elements).</summary>
    public const string KeyRingRedisKey = "qraspire:web:data-protection-keys";

    public static void AddTransportSecurity(this WebApplicationBuilder builder, WebSettings settings)
    {
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies are believed; the defaults (loopback) are replaced, not extended.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in settings.TrustedProxies)
            {
                options.KnownIPNetworks.Add(network);
            }

            // A CDN in front of the ingress adds a hop: walk right to left until the first address that is not ours.
            options.ForwardLimit = null;
        });

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        var keys = builder.Services.AddDataProtection().SetApplicationName("QrAspire.Web");
        if (settings.KeysRedis is { } redis)
        {
            // Redis, not the database: the console holds no database credentials (it only talks to the Api), and
            // every replica already reaches Redis. Redis sees only keys the certificate has encrypted.
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // a Redis restart must not stop the console from starting
            var connection = ConnectionMultiplexer.Connect(options);
            keys.PersistKeysToStackExchangeRedis(connection, KeyRingRedisKey);
        }
        else
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataPath, "keys")));
        }

        if (settings.KeysCertificate is { } certificate)
        {
            keys.ProtectKeysWithCertificate(certificate);
        }
    }

    public static void UseTransportSecurity(this WebApplication app)
    {
        // First: everything after it (HTTPS redirects, cookies, the Api's X-Forwarded-For) sees the browser's view.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }
}
