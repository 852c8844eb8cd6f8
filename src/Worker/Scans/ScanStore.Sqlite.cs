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

    private const string UpsertRollup = """
        INSERT INTO scan_rollups (qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head, scans)
        VALUES ($qr, $hour, $country, $region, $city, $device, $os, $browser, $referrer, $bot, $head, $scans)
        ON CONFLICT (qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head)
        DO UPDATE SET scans = scans + excluded.scans
        """;

    private const string UpsertVisitor = """
        INSERT INTO scan_visitors (qr_code_id, day, visitor_hash, is_bot, first_hour) VALUES ($qr, $day, $visitor, $bot, $hour)
        ON CONFLICT (qr_code_id, day, visitor_hash) DO UPDATE SET first_hour = excluded.first_hour
        WHERE excluded.first_hour < first_hour
        """;

    // SQLite has one writer at a time: prepared statements row by row inside the transaction are its fast path.
    private static async Task<int> WriteSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var rollups = new Dictionary<(string, DateTime, string, string, string, string, string, string, string, bool, bool), long>();
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
            var hour = Hour(scan.OccurredAt);
            var key = (scan.QrCodeId, hour, scan.Country, scan.Region, scan.City, scan.DeviceType, scan.Os, scan.Browser, scan.ReferrerHost, scan.IsBot, scan.IsHead);
            rollups[key] = rollups.GetValueOrDefault(key) + 1;
            Set(visitor, scan.QrCodeId, SqliteTime(Day(scan.OccurredAt)), scan.VisitorHash, scan.IsBot, SqliteTime(hour));
            await visitor.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var rollup = Prepare(connection, transaction, UpsertRollup, "qr", "hour", "country", "region", "city", "device", "os", "browser", "referrer", "bot", "head", "scans");
        foreach (var ((qr, hour, country, region, city, device, os, browser, referrer, bot, head), count) in rollups)
        {
            Set(rollup, qr, SqliteTime(hour), country, region, city, device, os, browser, referrer, bot, head, count);
            await rollup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return inserted;
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
