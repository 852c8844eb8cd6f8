using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Platform;

/// <summary>Registers the settings, connections and readiness checks every service needs.</summary>
public static class PlatformExtensions
{
    /// <summary>Tag of the health checks that make up readiness (<c>/health</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Reads and validates <c>DATABASE_URL</c>/<c>ConnectionStrings:db</c> now (a bad value throws
    /// <see cref="SettingsException"/> before anything starts) and registers <see cref="DatabaseConnections"/>
    /// with a readiness check.
    /// </summary>
    public static TBuilder AddDatabaseConnections<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new DatabaseConnections(settings));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Reads and validates <c>REDIS_URL</c>/<c>ConnectionStrings:redis</c> now and registers one shared
    /// <see cref="StackExchange.Redis.IConnectionMultiplexer"/> (it reconnects by itself) with a readiness check. The connection comes
    /// from the Aspire client integration (<c>AddRedisClient</c>): it connects at start, logs through the host's
    /// loggers and, when traces are exported, records every Redis command as a span.
    /// </summary>
    public static TBuilder AddRedisConnection<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = RedisSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.AddRedisClient(RedisSettings.ConnectionName, aspire =>
        {
            // Our settings stay the one source: REDIS_URL/REDIS_PASSWORD win over ConnectionStrings:redis as documented.
            aspire.ConnectionString = settings.ConnectionString;
            // The integration's check is named "StackExchange.Redis" and untagged; ours keeps /health's "redis" entry
            // and says which server answered in how long, or why it did not.
            aspire.DisableHealthChecks = true;
            aspire.DisableTracing = !TelemetryExtensions.ExportsTraces(builder.Configuration);
        }, settings.ApplyTo);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Reads and validates the blob storage settings now and registers them.</summary>
    public static TBuilder AddBlobStorageSettings<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(BlobStorageSettings.From(builder.Configuration));
        return builder;
    }
}
