using System.Data.Common;
using QrAspire.Data.Model;
using DimensionDays = QrAspire.Platform.Database.Schema.ScanDimensionDays;
using DimensionHours = QrAspire.Platform.Database.Schema.ScanDimensionHours;
using Hours = QrAspire.Platform.Database.Schema.ScanHours;
using RawScans = QrAspire.Platform.Database.Schema.Scans;
using RouteHours = QrAspire.Platform.Database.Schema.ScanRouteHours;
using RouteVisitors = QrAspire.Platform.Database.Schema.ScanRouteVisitors;
using Visitors = QrAspire.Platform.Database.Schema.ScanVisitors;

namespace QrAspire.Worker.Scans;

public sealed partial class ScanStore
{
    private const string InsertScan = $"""
        INSERT OR IGNORE INTO {RawScans.Table} ({ScanColumns})
        VALUES ($id, $qr, $code, $at, $country, $region, $city, $device, $os, $browser, $referrer, $ip, $visitor, $bot, $head, $rule, $variant, $expired, $limit)
        """;

    private const string UpsertRouteHour = $"""
        INSERT INTO {RouteHours.Table} ({RouteHours.QrCodeId}, {RouteHours.Hour}, {RouteHours.Rule}, {RouteHours.Variant}, {RouteHours.IsBot}, {RouteHours.IsHead}, {RouteHours.Scans}, {RouteHours.UniqueScanners})
        VALUES ($qr, $hour, $rule, $variant, $bot, $head, $scans, $visitors)
        ON CONFLICT ({RouteHours.QrCodeId}, {RouteHours.Hour}, {RouteHours.Rule}, {RouteHours.Variant}, {RouteHours.IsBot}, {RouteHours.IsHead})
        DO UPDATE SET {RouteHours.Scans} = {RouteHours.Scans} + excluded.{RouteHours.Scans},
            {RouteHours.UniqueScanners} = {RouteHours.UniqueScanners} + excluded.{RouteHours.UniqueScanners}
        """;

    // As UpsertVisitor, per A/B variant.
    private const string UpsertRouteVisitor = $"""
        INSERT INTO {RouteVisitors.Table} ({RouteVisitors.QrCodeId}, {RouteVisitors.Day}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.VisitorHash}, {RouteVisitors.IsBot}, {RouteVisitors.FirstHour}, {RouteVisitors.PreviousFirstHour})
        VALUES ($qr, $day, $rule, $variant, $visitor, $bot, $hour, NULL)
        ON CONFLICT ({RouteVisitors.QrCodeId}, {RouteVisitors.Day}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.VisitorHash})
        DO UPDATE SET {RouteVisitors.FirstHour} = excluded.{RouteVisitors.FirstHour}, {RouteVisitors.PreviousFirstHour} = {RouteVisitors.FirstHour}
        WHERE excluded.{RouteVisitors.FirstHour} < {RouteVisitors.FirstHour}
        RETURNING {RouteVisitors.IsBot}, {RouteVisitors.PreviousFirstHour}
        """;

    private const string UpsertHour = $"""
        INSERT INTO {Hours.Table} ({Hours.QrCodeId}, {Hours.Hour}, {Hours.IsBot}, {Hours.IsHead}, {Hours.Scans}, {Hours.UniqueScanners})
        VALUES ($qr, $hour, $bot, $head, $scans, $visitors)
        ON CONFLICT ({Hours.QrCodeId}, {Hours.Hour}, {Hours.IsBot}, {Hours.IsHead})
        DO UPDATE SET {Hours.Scans} = {Hours.Scans} + excluded.{Hours.Scans},
            {Hours.UniqueScanners} = {Hours.UniqueScanners} + excluded.{Hours.UniqueScanners}
        """;

    private const string UpsertDimensionHour = $"""
        INSERT INTO {DimensionHours.Table} ({DimensionHours.QrCodeId}, {DimensionHours.Hour}, {DimensionHours.Dimension}, {DimensionHours.Value}, {DimensionHours.IsBot}, {DimensionHours.IsHead}, {DimensionHours.Scans})
        VALUES ($qr, $time, $dimension, $value, $bot, $head, $scans)
        ON CONFLICT ({DimensionHours.QrCodeId}, {DimensionHours.Hour}, {DimensionHours.Dimension}, {DimensionHours.Value}, {DimensionHours.IsBot}, {DimensionHours.IsHead})
        DO UPDATE SET {DimensionHours.Scans} = {DimensionHours.Scans} + excluded.{DimensionHours.Scans}
        """;

    private const string UpsertDimensionDay = $"""
        INSERT INTO {DimensionDays.Table} ({DimensionDays.QrCodeId}, {DimensionDays.Day}, {DimensionDays.Dimension}, {DimensionDays.Value}, {DimensionDays.IsBot}, {DimensionDays.IsHead}, {DimensionDays.Scans})
        VALUES ($qr, $time, $dimension, $value, $bot, $head, $scans)
        ON CONFLICT ({DimensionDays.QrCodeId}, {DimensionDays.Day}, {DimensionDays.Dimension}, {DimensionDays.Value}, {DimensionDays.IsBot}, {DimensionDays.IsHead})
        DO UPDATE SET {DimensionDays.Scans} = {DimensionDays.Scans} + excluded.{DimensionDays.Scans}
        """;

    // Returns a row only when the visitor is new (previous_first_hour null) or a late scan moved its first hour earlier.
    private const string UpsertVisitor = $"""
        INSERT INTO {Visitors.Table} ({Visitors.QrCodeId}, {Visitors.Day}, {Visitors.VisitorHash}, {Visitors.IsBot}, {Visitors.FirstHour}, {Visitors.PreviousFirstHour})
        VALUES ($qr, $day, $visitor, $bot, $hour, NULL)
        ON CONFLICT ({Visitors.QrCodeId}, {Visitors.Day}, {Visitors.VisitorHash})
        DO UPDATE SET {Visitors.FirstHour} = excluded.{Visitors.FirstHour}, {Visitors.PreviousFirstHour} = {Visitors.FirstHour}
        WHERE excluded.{Visitors.FirstHour} < {Visitors.FirstHour}
        RETURNING {Visitors.IsBot}, {Visitors.PreviousFirstHour}
        """;

    // SQLite has one writer at a time: prepared statements row by row inside the transaction are its fast path.
    // Aggregates are summed in memory first and upserted once per key.
    private static async Task<int> WriteSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var hours = new Dictionary<(string Qr, string Hour, bool Bot, bool Head), (long Scans, long Visitors)>();
        var dimensionHours = new Dictionary<(string Qr, string Time, ScanDimension Dimension, string Value, bool Bot, bool Head), long>();
        var dimensionDays = new Dictionary<(string Qr, string Time, ScanDimension Dimension, string Value, bool Bot, bool Head), long>();
        var routeHours = new Dictionary<(string Qr, string Hour, short Rule, short Variant, bool Bot, bool Head), (long Scans, long Visitors)>();
        await using var insert = Prepare(connection, transaction, InsertScan, "id", "qr", "code", "at", "country", "region", "city", "device", "os", "browser", "referrer", "ip", "visitor", "bot", "head", "rule", "variant", "expired", "limit");
        await using var visitor = Prepare(connection, transaction, UpsertVisitor, "qr", "day", "visitor", "bot", "hour");
        await using var routeVisitor = Prepare(connection, transaction, UpsertRouteVisitor, "qr", "day", "rule", "variant", "visitor", "bot", "hour");
        var inserted = 0;
        foreach (var scan in scans)
        {
            Set(insert, scan.Id, scan.QrCodeId, scan.ShortCode, SqliteTime(scan.OccurredAt), scan.Country, scan.Region, scan.City,
                scan.DeviceType, scan.Os, scan.Browser, scan.ReferrerHost, scan.IpAnonymised, scan.VisitorHash, scan.IsBot, scan.IsHead,
                scan.Rule is { } rule ? rule : DBNull.Value, scan.Variant is { } variant ? variant : DBNull.Value, scan.ExpiredFallback, scan.LimitFallback);
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

            if (Route(scan) is { } route)
            {
                await CountRouteAsync(routeVisitor, routeHours, scan, route, hour, day, cancellationToken).ConfigureAwait(false);
            }
        }

        await using (var upsert = Prepare(connection, transaction, UpsertRouteHour, "qr", "hour", "rule", "variant", "bot", "head", "scans", "visitors"))
        {
            foreach (var ((qr, hour, rule, variant, bot, head), (count, visitors)) in routeHours)
            {
                Set(upsert, qr, hour, rule, variant, bot, head, count, visitors);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private static async Task CountRouteAsync(
        DbCommand routeVisitor, Dictionary<(string, string, short, short, bool, bool), (long Scans, long Visitors)> routeHours,
        Scan scan, (short Rule, short Variant) route, string hour, string day, CancellationToken cancellationToken)
    {
        Add(routeHours, (scan.QrCodeId, hour, route.Rule, route.Variant, scan.IsBot, scan.IsHead), 1, 0);
        if (route.Variant < 0)
        {
            return; // unique scanners are counted per variant only
        }

        Set(routeVisitor, scan.QrCodeId, day, route.Rule, route.Variant, scan.VisitorHash, scan.IsBot, hour);
        await using var moved = await routeVisitor.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await moved.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var visitorIsBot = moved.GetBoolean(0);
            Add(routeHours, (scan.QrCodeId, hour, route.Rule, route.Variant, visitorIsBot, false), 0, 1);
            if (!await moved.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
            {
                Add(routeHours, (scan.QrCodeId, moved.GetString(1), route.Rule, route.Variant, visitorIsBot, false), 0, -1);
            }
        }
    }

    private static void Add<TKey>(Dictionary<TKey, (long Scans, long Visitors)> counts, TKey key, long scans, long visitors)
        where TKey : notnull
    {
        var (oldScans, oldVisitors) = counts.GetValueOrDefault(key);
        counts[key] = (oldScans + scans, oldVisitors + visitors);
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
