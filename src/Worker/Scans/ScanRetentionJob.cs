using QrAspire.Platform.Connections;
using QrAspire.Platform.Database;

namespace QrAspire.Worker.Scans;

/// <summary>
/// Deletes raw scans older than <c>SCAN_RETENTION_DAYS</c> and dead letters older than
/// <c>SCAN_DEAD_LETTER_RETENTION_DAYS</c>, once at start and then daily, in slices so that no transaction holds locks
/// for long. The aggregates and daily visitors stay: the analytics keep their totals.
/// </summary>
public sealed partial class ScanRetentionJob(ScanIngestSettings settings, DatabaseConnections connections, TimeProvider time, ILogger<ScanRetentionJob> logger)
    : BackgroundService
{
    private const int Slice = 10_000;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                var deleted = await DeleteExpiredAsync(stoppingToken).ConfigureAwait(false);
                LogDeleted(logger, deleted, settings.RetentionDays);
                var letters = await DeleteExpiredDeadLettersAsync(stoppingToken).ConfigureAwait(false);
                LogDeletedDeadLetters(logger, letters, settings.DeadLetterRetentionDays);
            }
            catch (System.Data.Common.DbException e)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the scans that occurred before now minus the retention; returns how many.</summary>
    public Task<long> DeleteExpiredAsync(CancellationToken cancellationToken) =>
        DeleteOlderAsync(Schema.Scans.Table, Schema.Scans.Id, Schema.Scans.OccurredAt, time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays), cancellationToken);

    /// <summary>Deletes the dead letters that failed before now minus their retention; returns how many.</summary>
    public Task<long> DeleteExpiredDeadLettersAsync(CancellationToken cancellationToken) =>
        DeleteOlderAsync(Schema.ScanDeadLetters.Table, Schema.ScanDeadLetters.Id, Schema.ScanDeadLetters.FailedAt, time.GetUtcNow().UtcDateTime.AddDays(-settings.DeadLetterRetentionDays), cancellationToken);

    // Both tables have an index on the time column and a text primary key.
    private async Task<long> DeleteOlderAsync(string table, string id, string column, DateTime cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var postgres = connection is Npgsql.NpgsqlConnection;
            command.CommandText = $"DELETE FROM {table} WHERE {id} IN (SELECT {id} FROM {table} WHERE {column} < @cutoff LIMIT {Slice})";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@cutoff";
            parameter.Value = postgres ? cutoff : ScanStore.SqliteTime(cutoff);
            command.Parameters.Add(parameter);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < Slice)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "scan_retention", Message = "Deleted {count} scans older than {days} days")]
    private static partial void LogDeleted(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Information, EventName = "scan_dead_letter_retention", Message = "Deleted {count} dead letters older than {days} days")]
    private static partial void LogDeletedDeadLetters(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_retention_failed", Message = "Scan retention failed; next run tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
