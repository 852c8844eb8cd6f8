using System.Globalization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Features.Quotas;

/// <summary>
/// What one account may hold and submit, read and validated at start-up; 0 turns a quota off. Counted from the
/// tables themselves (codes, batches, logos), so every Api replica sees the same totals.
/// </summary>
public sealed record QuotaSettings
{
    /// <summary>Batches queued or running at once (<c>QUOTA_ACTIVE_BATCHES</c>, default 5); more are refused with 429 until one finishes.</summary>
    public int ActiveBatches { get; init; } = 5;

    /// <summary>Batch rows accepted in any 24 hours (<c>QUOTA_BATCH_ROWS_PER_DAY</c>, default 50,000); more are refused with 429 until rows age out.</summary>
    public int BatchRowsPerDay { get; init; } = 50_000;

    /// <summary>Codes an account holds, counting rows of its unfinished batches (<c>QUOTA_CODES</c>, default 100,000); more are refused with 403.</summary>
    public int Codes { get; init; } = 100_000;

    /// <summary>Logos an account holds (<c>QUOTA_LOGOS</c>, default 100); more are refused with 403.</summary>
    public int Logos { get; init; } = 100;

    /// <summary>Total bytes of an account's logos (<c>QUOTA_LOGO_BYTES</c>, default 52,428,800 = 50 MiB); more are refused with 403.</summary>
    public long LogoBytes { get; init; } = 50L << 20;

    /// <summary>Brand kits an account holds (<c>QUOTA_BRAND_KITS</c>, default 100); more are refused with 403.</summary>
    public int BrandKits { get; init; } = 100;

    /// <summary>Branded domains an account holds, pending or verified (<c>QUOTA_DOMAINS</c>, default 20); more are refused with 403.</summary>
    public int Domains { get; init; } = 20;

    /// <summary>Webhook endpoints a workspace holds (<c>QUOTA_WEBHOOKS</c>, default 10); more are refused with 403.</summary>
    public int Webhooks { get; init; } = 10;

    /// <summary>Shared workspaces an account owns (<c>QUOTA_WORKSPACES</c>, default 20); more are refused with 403.</summary>
    public int Workspaces { get; init; } = 20;

    /// <summary>Members plus open invitations of a workspace (<c>QUOTA_MEMBERS</c>, default 50); more invitations are refused with 403.</summary>
    public int Members { get; init; } = 50;

    /// <summary>Reads the quotas; a malformed value throws <see cref="SettingsException"/> naming it.</summary>
    public static QuotaSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new QuotaSettings
        {
            ActiveBatches = (int)Read(configuration, "QUOTA_ACTIVE_BATCHES", 5, 1000),
            BatchRowsPerDay = (int)Read(configuration, "QUOTA_BATCH_ROWS_PER_DAY", 50_000, 100_000_000),
            Codes = (int)Read(configuration, "QUOTA_CODES", 100_000, 1_000_000_000),
            Logos = (int)Read(configuration, "QUOTA_LOGOS", 100, 1_000_000),
            LogoBytes = Read(configuration, "QUOTA_LOGO_BYTES", 50L << 20, 1L << 40),
            BrandKits = (int)Read(configuration, "QUOTA_BRAND_KITS", 100, 1_000_000),
            Domains = (int)Read(configuration, "QUOTA_DOMAINS", 20, 1_000_000),
            Webhooks = (int)Read(configuration, "QUOTA_WEBHOOKS", 10, 1000),
            Workspaces = (int)Read(configuration, "QUOTA_WORKSPACES", 20, 10_000),
            Members = (int)Read(configuration, "QUOTA_MEMBERS", 50, 100_000),
        };
    }

    private static long Read(IConfiguration configuration, string name, long fallback, long max)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from 0 (no limit) to {max}, got '{value}'");
    }
}
