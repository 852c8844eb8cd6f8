using System.Data.Common;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Database;
using QrAspire.Platform.Settings;
using QrAspire.Worker.Jobs;

namespace QrAspire.Worker.Audit;

/// <summary>
/// Deletes audit entries older than <c>AUDIT_RETENTION_DAYS</c>, once at start and then daily, in slices so that no
/// transaction holds locks for long.
/// </summary>
public sealed partial class AuditRetentionJob(AuditSettings settings, DatabaseConnections connections, TimeProvider time, ILogger<AuditRetentionJob> logger)
    : DailyJob(time)
{
    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken cancellationToken) =>
        LogDeleted(logger, await DeleteExpiredAsync(cancellationToken).ConfigureAwait(false), settings.RetentionDays);

    /// <inheritdoc />
    protected override void OnFailed(DbException error) => LogFailed(logger, error);

    /// <summary>Deletes the entries that occurred before now minus the retention; returns how many.</summary>
    public Task<long> DeleteExpiredAsync(CancellationToken cancellationToken) =>
        SlicedDelete.OlderThanAsync(
            connections, Schema.AuditEntries.Table, Schema.AuditEntries.Id, Schema.AuditEntries.OccurredAt,
            Time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, EventName = "audit_retention", Message = "Deleted {count} audit entries older than {days} days")]
    private static partial void LogDeleted(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "audit_retention_failed", Message = "Audit retention failed; next run tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
