using QrAspire.Platform.Connections;
using QrAspire.Platform.Database;
using QrAspire.Platform.Settings;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Audit;

/// <summary>
/// Deletes audit entries older than <c>AUDIT_RETENTION_DAYS</c>, once at start and then daily, in slices so that no
/// transaction holds locks for long.
/// </summary>
public sealed partial class AuditRetentionJob(AuditSettings settings, DatabaseConnections connections, TimeProvider time, ILogger<AuditRetentionJob> logger)
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
                LogDeleted(logger, await DeleteExpiredAsync(stoppingToken).ConfigureAwait(false), settings.RetentionDays);
            }
            catch (System.Data.Common.DbException e)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the entries that occurred before now minus the retention; returns how many.</summary>
    public async Task<long> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays);
        long total = 0;
        while (true)
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var (table, id, at) = (Schema.AuditEntries.Table, Schema.AuditEntries.Id, Schema.AuditEntries.OccurredAt);
            command.CommandText = $"DELETE FROM {table} WHERE {id} IN (SELECT {id} FROM {table} WHERE {at} < @cutoff LIMIT {Slice})";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@cutoff";
            parameter.Value = connection is Npgsql.NpgsqlConnection ? cutoff : ScanStore.SqliteTime(cutoff);
            command.Parameters.Add(parameter);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < Slice)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "audit_retention", Message = "Deleted {count} audit entries older than {days} days")]
    private static partial void LogDeleted(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "audit_retention_failed", Message = "Audit retention failed; next run tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
