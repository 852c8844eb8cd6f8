using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Hosting;

/// <summary>Registers scan ingestion, enrichment and retention.</summary>
public static partial class ScanIngestionExtensions
{
    /// <summary>
    /// Reads and validates the scan settings now (a bad value throws <see cref="ServiceDefaults.Settings.SettingsException"/>)
    /// and registers the queue consumer and the daily retention job. Needs the database connections and Redis.
    /// </summary>
    public static TBuilder AddScanIngestion<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ScanIngestSettings.From(builder.Configuration);
        var geoIpPath = settings.GeoIpDatabasePath;
        GeoLocator geo;
        try
        {
            geo = new GeoLocator(geoIpPath is not null && File.Exists(geoIpPath) ? geoIpPath : null);
        }
        catch (Exception e) when (e is MaxMind.Db.InvalidDatabaseException or IOException or UnauthorizedAccessException)
        {
            throw new ServiceDefaults.Settings.SettingsException("GEOIP_DATABASE_PATH", $"is not a readable MaxMind database: {e.Message}");
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(geo);
        builder.Services.AddSingleton<VisitorSalt>();
        builder.Services.AddSingleton<ScanEnricher>();
        builder.Services.AddSingleton<ScanStore>();
        builder.Services.AddSingleton<ScanMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ScanIngestor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScanIngestor>());
        builder.Services.AddHostedService<ScanRetentionJob>();
        builder.Services.AddHostedService(sp => new GeoIpStartupWarning(geo, geoIpPath, sp.GetRequiredService<ILogger<GeoIpStartupWarning>>()));
        return builder;
    }
}

/// <summary>Says once, at start, that locations will be unknown because no GeoIP database was found.</summary>
internal sealed partial class GeoIpStartupWarning(GeoLocator geo, string? path, ILogger<GeoIpStartupWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!geo.HasDatabase)
        {
            LogNoDatabase(logger, path ?? "(GEOIP_DATABASE_PATH not set)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, EventName = "geoip_missing", Message = "No GeoIP database at {path}: scan countries, regions and cities are recorded as unknown")]
    private static partial void LogNoDatabase(ILogger logger, string path);
}
