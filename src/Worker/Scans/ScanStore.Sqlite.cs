using System.Data.Common;
using QrAspire.Data.Model;

namespace QrAspire.Worker.Scans;

public sealed partial class ScanStore
{
    private const string InsertScan = """
        INSERT OR IGNORE INTO scans (id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
            referrer_host, ip_anonymised, visitor_hash, is_bot, is_head)
        VALUES ($id, $qr, $code, $at, $country, $region, $city, $device, $os, $browser, $referrer, $ip, $visitor, $bot, $head)
        """;

    private const string UpsertHour = """
        INSERT INTO scan_hours (qr_code_id, hour, is_bot, is_head, scans, unique_scanners) VALUES ($qr, $hour, $bot, $head, $scans, $visitors)
        ON CONFLICT (qr_code_id, hour, is_bot, is_head) DO UPDATE SET scans = scans + excluded.scans, unique_scanners = unique_scanners + excluded.unique_scanners
        """;

    private const string UpsertDimensionHour = """
        INSERT INTO scan_dimension_hours (qr_code_id, hour, dimension, value, is_bot, is_head, scans) VALUES ($qr, $time, $dimension, $value, $bot, $head, $scans)
        ON CONFLICT (qr_code_id, hour, dimension, value, is_bot, is_head) DO UPDATE SET scans = scans + excluded.scans
        """;

    private const string UpsertDimensionDay = """
        INSERT INTO scan_dimension_days (qr_code_id, day, dimension, value, is_bot, is_head, scans) VALUES ($qr, $time, $dimension, $value, $bot, $head, $scans)
        ON CONFLICT (qr_code_id, day, dimension, value, is_bot, is_head) DO UPDATE SET scans = scans + excluded.scans
        """;

    // Returns a row only when the visitor is new (previous_first_hour null) or a late scan moved its first hour earlier.
    private const string UpsertVisitor = """
        INSERT INTO scan_visitors (qr_code_id, day, visitor_hash, is_bot, first_hour, previous_first_hour) VALUES ($qr, $day, $visitor, $bot, $hour, NULL)
        ON CONFLICT (qr_code_id, day, visitor_hash) DO UPDATE SET first_hour = excluded.first_hour, previous_first_hour = first_hour
        WHERE excluded.first_hour < first_hour
        RETURNING is_bot, previous_first_hour
        """;

    // SQLite has one writer at a time: prepared statements row by row inside the transaction are its fast path.
    // Aggregates are summed in memory first and upserted once per key.
    private static async Task<int> WriteSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var hours = new Dictionary<(string Qr, string Hour, bool Bot, bool Head), (long Scans, long Visitors)>();
        var dimensionHours = new Dictionary<(string Qr, string Time, ScanDimension Dimension, string Value, bool Bot, bool Head), long>();
        var dimensionDays = new Dictionary<(string Qr, string Time, ScanDimension Dimension, string Value, bool Bot, bool Head), long>();
        await using var insert = Prepare(connection, transaction, InsertScan, "id", "qr", "code", "at", "country", "region", "city", "device", "os", "browser", "referrer", "ip", "visitor", "bot", "head");
        await using var visitor = Prepare(connection, transaction, UpsertVisitor, "qr", "day", "visitor", "bot", "hour");
        var inserted = 0;
        foreach (var scan in scans)
        {
            Set(insert, scan.Id, scan.QrCodeId, scan.ShortCode, SqliteTime(scan.OccurredAt), scan.Country, scan.Region, scan.City,
                scan.DeviceType, scan.Os, scan.Browser, scan.ReferrerHost, scan.IpAnonymised, scan.VisitorHash, scan.IsBot, scan.IsHead);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                continue; // stored before: a redelivery
            }

            inserted++;
            var hour = SqliteTime(Hour(scan.OccurredAt));
            var day = SqliteTime(Day(scan.OccurredAt));
            Add(hours, (scan.QrCodeId, hour, scan.IsBot, scan.IsHead), 1, 0);
            foreach (var (dimension, value) in Dimensions(scan))
            {
                dimensionHours[(scan.QrCodeId, hour, dimension, value, scan.IsBot, scan.IsHead)] = dimensionHours.GetValueOrDefault((scan.QrCodeId, hour, dimension, value, scan.IsBot, scan.IsHead)) + 1;
                dimensionDays[(scan.QrCodeId, day, dimension, value, scan.IsBot, scan.IsHead)] = dimensionDays.GetValueOrDefault((scan.QrCodeId, day, dimension, value, scan.IsBot, scan.IsHead)) + 1;
            }

            Set(visitor, scan.QrCodeId, day, scan.VisitorHash, scan.IsBot, hour);
            await using var moved = await visitor.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await moved.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var visitorIsBot = moved.GetBoolean(0);
                Add(hours, (scan.QrCodeId, hour, visitorIsBot, false), 0, 1);
                if (!await moved.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    Add(hours, (scan.QrCodeId, moved.GetString(1), visitorIsBot, false), 0, -1);
                }
            }
        }

        await using (var upsert = Prepare(connection, transaction, UpsertHour, "qr", "hour", "bot", "head", "scans", "visitors"))
        {
            foreach (var ((qr, hour, bot, head), (count, visitors)) in hours)
            {
                Set(upsert, qr, hour, bot, head, count, visitors);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await UpsertDimensionsAsync(connection, transaction, UpsertDimensionHour, dimensionHours, cancellationToken).ConfigureAwait(false);
        await UpsertDimensionsAsync(connection, transaction, UpsertDimensionDay, dimensionDays, cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private static void Add(Dictionary<(string, string, bool, bool), (long Scans, long Visitors)> hours, (string, string, bool, bool) key, long scans, long visitors)
    {
        var (oldScans, oldVisitors) = hours.GetValueOrDefault(key);
        hours[key] = (oldScans + scans, oldVisitors + visitors);
    }

    private static async Task UpsertDimensionsAsync(
        DbConnection connection, DbTransaction transaction, string sql, Dictionary<(string, string, ScanDimension, string, bool, bool), long> counts, CancellationToken cancellationToken)
    {
        await using var upsert = Prepare(connection, transaction, sql, "qr", "time", "dimension", "value", "bot", "head", "scans");
        foreach (var ((qr, time, dimension, value, bot, head), count) in counts)
        {
            Set(upsert, qr, time, (short)dimension, value, bot, head, count);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A scan's value of each breakdown dimension.</summary>
    internal static IEnumerable<(ScanDimension Dimension, string Value)> Dimensions(Scan scan)
    {
        yield return (ScanDimension.Country, scan.Country);
        yield return (ScanDimension.Region, scan.Region);
        yield return (ScanDimension.City, scan.City);
        yield return (ScanDimension.DeviceType, scan.DeviceType);
        yield return (ScanDimension.Os, scan.Os);
        yield return (ScanDimension.Browser, scan.Browser);
        yield return (ScanDimension.Referrer, scan.ReferrerHost);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction; // Microsoft.Data.Sqlite refuses commands outside the open transaction
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
