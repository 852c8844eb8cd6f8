using QrAspire.Platform.Scans;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Worker.Scans;

/// <summary>Settings of scan ingestion, read and validated at start-up.</summary>
public sealed record ScanIngestSettings
{
    /// <summary>Events written per transaction (<c>SCAN_BATCH_SIZE</c>, 1–50,000, default 2,000).</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>Days raw scans are kept (<c>SCAN_RETENTION_DAYS</c>, 1–36,500, default 400).</summary>
    public int RetentionDays { get; init; } = 400;

    /// <summary>Days dead letters are kept for an operator to inspect or replay (<c>SCAN_DEAD_LETTER_RETENTION_DAYS</c>, 1–36,500, default 30).</summary>
    public int DeadLetterRetentionDays { get; init; } = 30;

    /// <summary>The MaxMind City database (<c>GEOIP_DATABASE_PATH</c>); null when not set.</summary>
    public string? GeoIpDatabasePath { get; init; }

    /// <summary>The queue to consume (tests use their own).</summary>
    public string QueueKey { get; init; } = ScanQueue.Key;

    /// <summary>How long a Worker's heartbeat lives: a Worker silent for longer is dead and its batch is re-queued.</summary>
    public TimeSpan HeartbeatLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the consumer sleeps when the queue is empty.</summary>
    public TimeSpan IdleDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads the settings; a malformed value throws <see cref="SettingsException"/>.</summary>
    public static ScanIngestSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var geoIp = configuration["GEOIP_DATABASE_PATH"];
        if (!string.IsNullOrWhiteSpace(geoIp) && !Path.IsPathFullyQualified(geoIp))
        {
            throw new SettingsException("GEOIP_DATABASE_PATH", $"must be an absolute path to a .mmdb file, got '{geoIp}'");
        }

        return new ScanIngestSettings
        {
            BatchSize = Int(configuration, "SCAN_BATCH_SIZE", 2000, 1, 50_000),
            RetentionDays = Int(configuration, "SCAN_RETENTION_DAYS", 400, 1, 36_500),
            DeadLetterRetentionDays = Int(configuration, "SCAN_DEAD_LETTER_RETENTION_DAYS", 30, 1, 36_500),
            GeoIpDatabasePath = string.IsNullOrWhiteSpace(geoIp) ? null : geoIp,
            QueueKey = configuration["Scans:QueueKey"] is { Length: > 0 } key ? key : ScanQueue.Key,
            HeartbeatLifetime = TimeSpan.FromSeconds(Int(configuration, "Scans:HeartbeatSeconds", 30, 1, 3600)),
        };
    }

    private static int Int(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{value}'");
    }
}
