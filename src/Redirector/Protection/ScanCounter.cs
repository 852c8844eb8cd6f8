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

    private const string CountScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if ARGV[1] == '1' then
          local n = redis.call('INCR', KEYS[1])
          redis.call('EXPIRE', KEYS[1], ARGV[2])
          return n - 1
        end
        return tonumber(redis.call('GET', KEYS[1]))
        """;

    private const string SeedScript = """
        redis.call('SET', KEYS[1], ARGV[3], 'NX', 'EX', ARGV[2])
        if ARGV[1] == '1' then return redis.call('INCR', KEYS[1]) - 1 end
        return tonumber(redis.call('GET', KEYS[1]))
        """;

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
                var database = redis.GetDatabase();
                var flag = counts ? "1" : "0";
                var before = (long)await database.ScriptEvaluateAsync(CountScript, [key], [flag, KeySeconds]).ConfigureAwait(false);
                if (before < 0)
                {
                    var seed = await StoredCountAsync(qrId).ConfigureAwait(false);
                    before = (long)await database.ScriptEvaluateAsync(SeedScript, [key], [flag, KeySeconds, seed]).ConfigureAwait(false);
                }

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
