using System.Globalization;
using QrAspire.Data.Webhooks;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Worker.Webhooks;

/// <summary>Settings of webhook delivery, read and validated at start-up (docs/configuration.md).</summary>
public sealed record WebhookSettings
{
    /// <summary>Where deliveries may go (<c>WEBHOOKS_ALLOW_PRIVATE_TARGETS</c>, <c>DNS_SERVER</c>).</summary>
    public required WebhookTargetSettings Targets { get; init; }

    /// <summary>Time allowed for one delivery, connecting included (<c>WEBHOOKS_TIMEOUT_SECONDS</c>, 1–60, default 10).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often due deliveries are looked for when there were none (<c>WEBHOOKS_POLL_MILLISECONDS</c>, default 1,000).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first retry; doubles with each attempt (<c>WEBHOOKS_RETRY_BASE_SECONDS</c>, default 30).</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts (1 hour); retries stop 24 hours after the event.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An endpoint whose every attempt failed for this long is disabled (<c>WEBHOOKS_DISABLE_AFTER_HOURS</c>, default 24).</summary>
    public TimeSpan DisableAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Scans in one <c>scan.recorded</c> event at most (<c>WEBHOOKS_SCAN_BATCH_SIZE</c>, 1–1,000, default 100).</summary>
    public int ScanBatchSize { get; init; } = 100;

    /// <summary>How long a scan waits for others to share its event (<c>WEBHOOKS_SCAN_FLUSH_SECONDS</c>, default 5).</summary>
    public TimeSpan ScanFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Days events and their delivery log are kept (<c>WEBHOOKS_RETENTION_DAYS</c>, 2–3,650, default 30): at least two,
    /// so that nothing still being retried (24 hours) is deleted.
    /// </summary>
    public int RetentionDays { get; init; } = 30;

    /// <summary>Deliveries claimed per read.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Deliveries sent at once by one Worker.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>How long a claimed delivery is reserved: longer than any attempt, so only a dead Worker's claim passes on.</summary>
    public TimeSpan Lease => Timeout * 3;

    /// <summary>Reads and validates the settings; a malformed value throws <see cref="SettingsException"/> naming it.</summary>
    public static WebhookSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new WebhookSettings
        {
            Targets = WebhookTargetSettings.From(configuration),
            Timeout = TimeSpan.FromSeconds(Number(configuration, "WEBHOOKS_TIMEOUT_SECONDS", 10, 1, 60)),
            PollInterval = TimeSpan.FromMilliseconds(Number(configuration, "WEBHOOKS_POLL_MILLISECONDS", 1000, 10, 60_000)),
            RetryBase = TimeSpan.FromSeconds(Number(configuration, "WEBHOOKS_RETRY_BASE_SECONDS", 30, 1, 3600)),
            DisableAfter = TimeSpan.FromHours(Number(configuration, "WEBHOOKS_DISABLE_AFTER_HOURS", 24, 1, 24 * 30)),
            ScanBatchSize = Number(configuration, "WEBHOOKS_SCAN_BATCH_SIZE", 100, 1, 1000),
            ScanFlushInterval = TimeSpan.FromSeconds(Number(configuration, "WEBHOOKS_SCAN_FLUSH_SECONDS", 5, 1, 300)),
            RetentionDays = Number(configuration, "WEBHOOKS_RETENTION_DAYS", 30, 2, 3650),
        };
    }

    private static int Number(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{value}'");
    }
}
