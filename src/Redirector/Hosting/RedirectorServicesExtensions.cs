using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using QrAspire.Platform;
using QrAspire.Platform.Http;
using QrAspire.Platform.Routing;
using QrAspire.Platform.Settings;
using QrAspire.Redirector.Redirects;
using QrAspire.Redirector.Scans;
using QrAspire.Redirector.Telemetry;
using StackExchange.Redis;

namespace QrAspire.Redirector.Hosting;

public static class RedirectorServicesExtensions
{
    /// <summary>The cache levels, the lookup, invalidation, scan capture and the Redirector's health entries.</summary>
    public static WebApplicationBuilder AddRedirects(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = RedirectorSettings.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<RedirectorMetrics>();

        // L1: our own instance, so that it can be bounded (entries are sized by their serialized bytes) and emptied.
        var memory = new MemoryCache(Options.Create(new MemoryCacheOptions { SizeLimit = settings.MemoryCacheBytes }));
        services.AddSingleton(memory);
        services.AddSingleton<IMemoryCache>(memory);
        services.AddSingleton<IDistributedCache, RedisL2Cache>();
        services.AddOptions<HybridCacheOptions>().Configure(options =>
        {
            options.MaximumKeyLength = 128;
            options.DefaultEntryOptions = RedirectCache.FoundOptions;
        });
        services.AddSingleton<IHybridCacheSerializer<RedirectEntry>, RedirectEntrySerializer>();
        services.AddSingleton(CreateHybridCache);
        services.AddSingleton<RedirectLookup>();
        services.AddSingleton<RedirectCache>();
        services.AddHostedService<InvalidationListener>();

        services.AddSingleton(new ClientAddress(settings.TrustedProxies));
        if (OpenCountryDatabase(settings.GeoIpDatabasePath) is { } countries)
        {
            services.AddSingleton(countries);
        }

        services.AddSingleton(sp => new ScanSpill(settings.SpillPath, sp.GetRequiredService<ILogger<ScanSpill>>()));
        services.AddSingleton<ScanWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ScanWriter>());

        // Room for in-flight requests to finish and the scan channel to drain after SIGTERM.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

        services.AddHealthChecks().AddCheck<ScanHealthCheck>("scans", tags: [PlatformExtensions.ReadyTag]);
        // Redirects go on without Redis (from L1 and the database): Redis down makes the Redirector degraded, not unready.
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name == "redis"))
            {
                var inner = registration.Factory;
                registration.Factory = sp => new DegradedWhenUnhealthy(inner(sp), sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisSettings>());
            }
        });
        return builder;
    }

    // A missing file is not fatal (the Worker treats it alike): routing then reads countries from a trusted header only,
    // and MapRedirects says so once. A file that is there but no MaxMind DB stops the Redirector with one line.
    private static CountryDatabase? OpenCountryDatabase(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return CountryDatabase.Open(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or OverflowException)
        {
            throw new ServiceDefaults.Settings.SettingsException("GEOIP_DATABASE_PATH", $"is not a readable MaxMind database: {exception.Message}");
        }
    }

    /// <summary>
    /// The library's own HybridCache, created without <c>AddHybridCache()</c>: that also registers a reflection-based
    /// JSON serializer factory, which Native AOT cannot compile without trim warnings (and whose constructor throws
    /// under AOT). The Redirector caches one type, with the source-generated serializer registered above.
    /// </summary>
    private static HybridCache CreateHybridCache(IServiceProvider services) =>
        (HybridCache)ActivatorUtilities.CreateInstance(services,
            Type.GetType("Microsoft.Extensions.Caching.Hybrid.Internal.DefaultHybridCache, Microsoft.Extensions.Caching.Hybrid", throwOnError: true)!);

    private sealed class DegradedWhenUnhealthy(IHealthCheck inner, IConnectionMultiplexer redis, RedisSettings settings) : IHealthCheck
    {
        private const string Consequence = "; redirects are served from memory and the database, scans spill to disk";

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConnected)
            {
                // Answer now instead of after a PING timeout: probes have deadlines of their own.
                return HealthCheckResult.Degraded($"{settings.Description}: not connected{Consequence}");
            }

            var result = await inner.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            return result.Status == HealthStatus.Unhealthy
                ? HealthCheckResult.Degraded(result.Description + Consequence, result.Exception)
                : result;
        }
    }

    private sealed class ScanHealthCheck(ScanWriter writer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var description = $"{writer.QueueDepth} in memory, {writer.SpillDepth} spilled to disk";
            return Task.FromResult(writer.SpillDepth > 0 ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description));
        }
    }
}
