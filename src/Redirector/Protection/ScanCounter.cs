using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using QrAspire.Platform.Connections;
using StackExchange.Redis;
using Hours = QrAspire.Platform.Database.Schema.ScanHours;
using RouteHours = QrAspire.Platform.Database.Schema.ScanRouteHours;

namespace QrAspire.Redirector.Protection;

/// <summary>
/// Counts the scans of codes that have a scan limit, shared by every Redirector: one Redis counter per code, seeded
/// on a cold key from the scans analytics stored (people only, as analytics count them, less those the limit fallback
/// answered). Only scans within the limit count, so a limit raised later answers exactly the difference as usual.
/// While Redis is away each Redirector counts on from the last value it saw (or the database's), so a limit may then
/// be overshot by at most (replicas − 1) × the scans left when Redis went away, plus the scans the Worker had not yet
/// stored at seeding.
/// </summary>
public sealed partial class ScanCounter(IConnectionMultiplexer redis, DatabaseConnections connections, ILogger<ScanCounter> logger)
{
    // A month without a scan lets the key go; the next scan seeds it again from the database.
    private const int KeySeconds = 30 * 24 * 3600;

    private static readonly string PostgresSql = Sql("$1");
    private static readonly string SqliteSql = Sql("$qr");

    private readonly ConcurrentDictionary<string, long> _local = new(StringComparer.Ordinal);

    private static string Sql(string parameter) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT COALESCE((SELECT SUM({Hours.Scans}) FROM {Hours.Table}
            WHERE {Hours.QrCodeId} = {parameter} AND NOT {Hours.IsBot} AND NOT {Hours.IsHead}), 0)
        - COALESCE((SELECT SUM({RouteHours.Scans}) FROM {RouteHours.Table}
            WHERE {RouteHours.QrCodeId} = {parameter} AND {RouteHours.Rule} = {RouteHours.Rules.LimitFallback} AND NOT {RouteHours.IsBot} AND NOT {RouteHours.IsHead}), 0)
        """);

    /// <summary>
    /// Whether this scan is within the code's <paramref name="limit"/> (fewer counted scans before it). When
    /// <paramref name="counts"/> (a person's GET, not a bot or HEAD) and it is, the scan is added; a scan past the
    /// limit is never added.
    /// </summary>
    public async ValueTask<bool> TryCountAsync(string qrId, bool counts, long limit)
    {
        var key = (RedisKey)("qr:scans:" + qrId);
        if (redis.IsConnected)
        {
            try
            {
                var database = redis.GetDatabase();
                if (!counts)
                {
                    var seen = await PeekAsync(database, key, qrId).ConfigureAwait(false);
                    _local[qrId] = seen;
                    return seen < limit;
                }

                // Incremented first, so that replicas counting at once never let more than the limit through; a scan
                // that turns out to be past it takes its increment back.
                var before = await IncrementAsync(database, key, qrId).ConfigureAwait(false);
                if (before >= limit)
                {
                    _local[qrId] = before; // first: should the decrement fail, counting locally refuses the scan too
                    await database.StringDecrementAsync(key).ConfigureAwait(false);
                    return false;
                }

                _local[qrId] = before + 1;
                return true;
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

        while (true)
        {
            var current = _local.GetValueOrDefault(qrId, known);
            if (current >= limit)
            {
                return false;
            }

            if (!counts || _local.TryUpdate(qrId, current + 1, current))
            {
                return true;
            }
        }
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
