using System.Data.Common;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Database;
using QrAspire.Worker.Jobs;

namespace QrAspire.Worker.Scans;

/// <summary>
/// Deletes raw scans older than <c>SCAN_RETENTION_DAYS</c> and dead letters older than
/// <c>SCAN_DEAD_LETTER_RETENTION_DAYS</c>, once at start and then daily, in slices so that no transaction holds locks
/// for long. The aggregates and daily visitors stay: the analytics keep their totals.
/// </summary>
public sealed partial class ScanRetentionJob(ScanIngestSettings settings, DatabaseConnections connections, TimeProvider time, ILogger<ScanRetentionJob> logger)
    : DailyJob(time)
{
    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(logger, deleted, settings.RetentionDays);
        var letters = await DeleteExpiredDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        LogDeletedDeadLetters(logger, letters, settings.DeadLetterRetentionDays);
    }

    /// <inheritdoc />
    protected override void OnFailed(DbException error) => LogFailed(logger, error);

    /// <summary>Deletes the scans that occurred before now minus the retention; returns how many.</summary>
    public Task<long> DeleteExpiredAsync(CancellationToken cancellationToken) =>
        SlicedDelete.OlderThanAsync(connections, Schema.Scans.Table, Schema.Scans.Id, Schema.Scans.OccurredAt, Time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays), cancellationToken);

    /// <summary>Deletes the dead letters that failed before now minus their retention; returns how many.</summary>
    public Task<long> DeleteExpiredDeadLettersAsync(CancellationToken cancellationToken) =>
        SlicedDelete.OlderThanAsync(connections, Schema.ScanDeadLetters.Table, Schema.ScanDeadLetters.Id, Schema.ScanDeadLetters.FailedAt, Time.GetUtcNow().UtcDateTime.AddDays(-settings.DeadLetterRetentionDays), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, EventName = "scan_retention", Message = "Deleted {count} scans older than {days} days")]
    private static partial void LogDeleted(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Information, EventName = "scan_dead_letter_retention", Message = "Deleted {count} dead letters older than {days} days")]
    private static partial void LogDeletedDeadLetters(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_retention_failed", Message = "Scan retention failed; next run tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
