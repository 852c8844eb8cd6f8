using QrAspire.Platform.Settings;
using QrAspire.Worker.Audit;

namespace QrAspire.Worker.Hosting;

/// <summary>Registers the audit log's retention.</summary>
public static class AuditRetentionExtensions
{
    /// <summary>
    /// Reads and validates <c>AUDIT_RETENTION_DAYS</c> now (a bad value throws
    /// <see cref="ServiceDefaults.Settings.SettingsException"/>) and registers the daily retention job.
    /// </summary>
    public static TBuilder AddAuditRetention<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(AuditSettings.From(builder.Configuration));
        builder.Services.AddHostedService<AuditRetentionJob>();
        return builder;
    }
}
