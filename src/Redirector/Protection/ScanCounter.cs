using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using QrAspire.Platform.Connections;
using StackExchange.Redis;
using Hours = QrAspire.Platform.Database.Schema.ScanHours;

namespace QrAspire.Redirector.Protection;

/// <summary>
/// Counts the scans of codes that have a scan limit, shared by every Redirector: one Redis counter per code, seeded
/// on a cold key from the scans analytics stored (people only, as analytics count them). While Redis is away each
/// Redirector counts on from the last value it saw (or the database's), so a limit may then be overshot by at most
/// (replicas − 1) × the scans left when Redis went away, plus the scans the Worker had not yet stored at seeding.
/// </summary>
public sealed partial class ScanCounter(IConnectionMultiplexer redis, DatabaseConnections connections, ILogger<ScanCounter> logger)
{
    // A month without a scan lets the key go; the next scan seeds it again from the database.
    private const int KeySeconds = 30 * 24 * 3600;

    private static readonly string PostgresSql = Sql("$1");
    private static readonly string SqliteSql = Sql("$qr");

    private readonly ConcurrentDictionary<string, long> _local = new(StringComparer.Ordinal);

    private static string Sql(string parameter) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT COALESCE(SUM({Hours.Scans}), 0) FROM {Hours.Table}
        WHERE {Hours.QrCodeId} = {parameter} AND NOT {Hours.IsBot} AND NOT {Hours.IsHead}
        """);

    /// <summary>
    /// The code's counted scans before this one; when <paramref name="counts"/> (a person's GET, not a bot or HEAD),
    /// this scan is added.
    /// </summary>
    public async ValueTask<long> CountAsync(string qrId, bool counts)
    {
        var key = (RedisKey)("qr:scans:" + qrId);
        if (redis.IsConnected)
        {
            try
            {
                var before = counts ? await IncrementAsync(redis.GetDatabase(), key, qrId).ConfigureAwait(false)
                    : await PeekAsync(redis.GetDatabase(), key, qrId).ConfigureAwait(false);
                _local[qrId] = before + (counts ? 1 : 0);
                return before;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogRedisFailed(logger, exception, qrId);
            }
        }

        if (!_local.TryGetValue(qrId, out var known))
        {
            known = await StoredCountAsync(qrId).ConfigureAwait(false);
            _local.TryAdd(qrId, known);
        }

        return counts ? _local.AddOrUpdate(qrId, known + 1, static (_, n) => n + 1) - 1 : _local.GetValueOrDefault(qrId, known);
    }

    // Plain commands, no script (the embedded Garnet runs without Lua). INCR answering 1 means the key was cold: only
    // that caller adds the stored count, so replicas seeding at once never add it twice.
    private async Task<long> IncrementAsync(IDatabase database, RedisKey key, string qrId)
    {
        var count = await database.StringIncrementAsync(key).ConfigureAwait(false);
        if (count == 1)
        {
            var stored = await StoredCountAsync(qrId).ConfigureAwait(false);
            if (stored > 0)
            {
                count = await database.StringIncrementAsync(key, stored).ConfigureAwait(false);
            }
        }

        _ = database.KeyExpireAsync(key, TimeSpan.FromSeconds(KeySeconds), flags: CommandFlags.FireAndForget);
        return count - 1;
    }

    // A cold key is only read, not seeded: seeding here could race a counting replica's seed and add it twice.
    private async Task<long> PeekAsync(IDatabase database, RedisKey key, string qrId)
    {
        var value = await database.StringGetAsync(key).ConfigureAwait(false);
        return value.TryParse(out long count) ? count : await StoredCountAsync(qrId).ConfigureAwait(false);
    }

    private async Task<long> StoredCountAsync(string qrId)
    {
        try
        {
            await using var connection = await connections.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            if (connection is NpgsqlConnection)
            {
                command.CommandText = PostgresSql;
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = qrId });
            }
            else
            {
                command.CommandText = SqliteSql;
                command.Parameters.Add(new SqliteParameter("$qr", SqliteType.Text) { Value = qrId });
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            // Neither Redis nor the database: the scan is let through (counted from zero) rather than refused.
            LogSeedFailed(logger, exception, qrId);
            return 0;
        }
    }

    [LoggerMessage(EventId = 41, EventName = "scan_count_local", Level = LogLevel.Warning, Message = "counting scans of {qr_id} in Redis failed; counting in this process")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, string qr_id);

    [LoggerMessage(EventId = 42, EventName = "scan_count_seed_failed", Level = LogLevel.Warning, Message = "reading the stored scan count of {qr_id} failed; counting from zero")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception, string qr_id);
}
