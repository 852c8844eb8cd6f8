using System.Globalization;
using Npgsql;
using NpgsqlTypes;
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
    private const string CreateStaging = $"""
        CREATE TEMP TABLE scans_in (
            {RawScans.Id} text, {RawScans.QrCodeId} text, {RawScans.ShortCode} text, {RawScans.OccurredAt} timestamptz, {RawScans.Country} text,
            {RawScans.Region} text, {RawScans.City} text, {RawScans.DeviceType} text, {RawScans.Os} text, {RawScans.Browser} text,
            {RawScans.ReferrerHost} text, {RawScans.IpAnonymised} text, {RawScans.VisitorHash} text, {RawScans.IsBot} boolean, {RawScans.IsHead} boolean,
            {RawScans.Rule} smallint, {RawScans.Variant} smallint, {RawScans.ExpiredFallback} boolean, {RawScans.LimitFallback} boolean) ON COMMIT DROP
        """;

    private const string Copy = $"COPY scans_in ({ScanColumns}) FROM STDIN (FORMAT BINARY)";

    // One statement: the rows that really were inserted (RETURNING skips conflicts) feed the aggregates and visitors.
    // A visitor row reports its previous first hour when a late scan moved it earlier, so its unique-scanner count
    // moves from that hour to the new one in the same statement. Aggregate rows are upserted in key order so that
    // concurrent Workers lock them in the same order. Scans are first summed per full combination of dimensions (as
    // the batch repeats them), and only those sums are split into the seven dimensions, numbered as ScanDimension.
    // Scans that a rule, a variant, the expiry fallback or the limit fallback answered also go to the route rows (and, for variants,
    // route visitors, counted like scan_visitors); the default destination without a variant adds nothing there.
    // Built once: the dimension numbers are not compile-time strings.
    private static readonly string Merge = string.Create(CultureInfo.InvariantCulture, $"""
        WITH inserted AS (
            INSERT INTO {RawScans.Table} ({ScanColumns})
            SELECT {ScanColumns} FROM scans_in
            ON CONFLICT ({RawScans.Id}) DO NOTHING
            RETURNING {RawScans.QrCodeId}, date_trunc('hour', {RawScans.OccurredAt}, 'UTC') AS hour, {RawScans.OccurredAt}, {RawScans.Country}, {RawScans.Region},
                {RawScans.City}, {RawScans.DeviceType}, {RawScans.Os}, {RawScans.Browser}, {RawScans.ReferrerHost}, {RawScans.VisitorHash}, {RawScans.IsBot}, {RawScans.IsHead},
                {RawScans.Rule}, {RawScans.Variant}, {RawScans.ExpiredFallback}, {RawScans.LimitFallback}),
        visited AS (
            INSERT INTO {Visitors.Table} ({Visitors.QrCodeId}, {Visitors.Day}, {Visitors.VisitorHash}, {Visitors.IsBot}, {Visitors.FirstHour}, {Visitors.PreviousFirstHour})
            SELECT DISTINCT ON ({RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), {RawScans.VisitorHash})
                {RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), {RawScans.VisitorHash}, {RawScans.IsBot}, hour, NULL::timestamptz
            FROM inserted ORDER BY {RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), {RawScans.VisitorHash}, {RawScans.OccurredAt}
            ON CONFLICT ({Visitors.QrCodeId}, {Visitors.Day}, {Visitors.VisitorHash}) DO UPDATE
                SET {Visitors.FirstHour} = excluded.{Visitors.FirstHour}, {Visitors.PreviousFirstHour} = {Visitors.Table}.{Visitors.FirstHour}
                WHERE excluded.{Visitors.FirstHour} < {Visitors.Table}.{Visitors.FirstHour}
            RETURNING {Visitors.QrCodeId}, {Visitors.IsBot}, {Visitors.FirstHour}, {Visitors.PreviousFirstHour}),
        combos AS (
            SELECT {RawScans.QrCodeId}, hour, {RawScans.Country}, {RawScans.Region}, {RawScans.City}, {RawScans.DeviceType}, {RawScans.Os}, {RawScans.Browser},
                {RawScans.ReferrerHost}, {RawScans.IsBot}, {RawScans.IsHead}, count(*) AS scans
            FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        hourly AS (
            INSERT INTO {Hours.Table} ({Hours.QrCodeId}, {Hours.Hour}, {Hours.IsBot}, {Hours.IsHead}, {Hours.Scans}, {Hours.UniqueScanners})
            SELECT {RawScans.QrCodeId}, hour, {RawScans.IsBot}, {RawScans.IsHead}, sum(scans), sum(visitors) FROM (
                SELECT {RawScans.QrCodeId}, hour, {RawScans.IsBot}, {RawScans.IsHead}, scans, 0 AS visitors FROM combos
                UNION ALL SELECT {Visitors.QrCodeId}, {Visitors.FirstHour}, {Visitors.IsBot}, false, 0, 1 FROM visited
                UNION ALL SELECT {Visitors.QrCodeId}, {Visitors.PreviousFirstHour}, {Visitors.IsBot}, false, 0, -1 FROM visited
                    WHERE {Visitors.PreviousFirstHour} IS NOT NULL) AS counted
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT ({Hours.QrCodeId}, {Hours.Hour}, {Hours.IsBot}, {Hours.IsHead})
            DO UPDATE SET {Hours.Scans} = {Hours.Table}.{Hours.Scans} + excluded.{Hours.Scans},
                {Hours.UniqueScanners} = {Hours.Table}.{Hours.UniqueScanners} + excluded.{Hours.UniqueScanners}
            RETURNING 1),
        dimensioned AS (
            SELECT c.{RawScans.QrCodeId}, c.hour, d.dimension, d.value, c.{RawScans.IsBot}, c.{RawScans.IsHead}, sum(c.scans) AS scans FROM combos AS c
            CROSS JOIN LATERAL (VALUES ({(short)ScanDimension.Country}::smallint, c.{RawScans.Country}), ({(short)ScanDimension.Region}::smallint, c.{RawScans.Region}),
                ({(short)ScanDimension.City}::smallint, c.{RawScans.City}), ({(short)ScanDimension.DeviceType}::smallint, c.{RawScans.DeviceType}),
                ({(short)ScanDimension.Os}::smallint, c.{RawScans.Os}), ({(short)ScanDimension.Browser}::smallint, c.{RawScans.Browser}),
                ({(short)ScanDimension.Referrer}::smallint, c.{RawScans.ReferrerHost})) AS d (dimension, value)
            GROUP BY 1, 2, 3, 4, 5, 6),
        dimension_hours AS (
            INSERT INTO {DimensionHours.Table} ({DimensionHours.QrCodeId}, {DimensionHours.Hour}, {DimensionHours.Dimension}, {DimensionHours.Value},
                {DimensionHours.IsBot}, {DimensionHours.IsHead}, {DimensionHours.Scans})
            SELECT {RawScans.QrCodeId}, hour, dimension, value, {RawScans.IsBot}, {RawScans.IsHead}, scans FROM dimensioned ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT ({DimensionHours.QrCodeId}, {DimensionHours.Hour}, {DimensionHours.Dimension}, {DimensionHours.Value}, {DimensionHours.IsBot}, {DimensionHours.IsHead})
            DO UPDATE SET {DimensionHours.Scans} = {DimensionHours.Table}.{DimensionHours.Scans} + excluded.{DimensionHours.Scans}
            RETURNING 1),
        dimension_days AS (
            INSERT INTO {DimensionDays.Table} ({DimensionDays.QrCodeId}, {DimensionDays.Day}, {DimensionDays.Dimension}, {DimensionDays.Value},
                {DimensionDays.IsBot}, {DimensionDays.IsHead}, {DimensionDays.Scans})
            SELECT {RawScans.QrCodeId}, date_trunc('day', hour, 'UTC'), dimension, value, {RawScans.IsBot}, {RawScans.IsHead}, sum(scans) FROM dimensioned
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT ({DimensionDays.QrCodeId}, {DimensionDays.Day}, {DimensionDays.Dimension}, {DimensionDays.Value}, {DimensionDays.IsBot}, {DimensionDays.IsHead})
            DO UPDATE SET {DimensionDays.Scans} = {DimensionDays.Table}.{DimensionDays.Scans} + excluded.{DimensionDays.Scans}
            RETURNING 1),
        routed AS (
            SELECT {RawScans.QrCodeId}, hour, {RawScans.OccurredAt}, {RawScans.VisitorHash}, {RawScans.IsBot}, {RawScans.IsHead},
                (CASE WHEN {RawScans.ExpiredFallback} THEN {ScanRouteHour.ExpiredFallbackRule} WHEN {RawScans.LimitFallback} THEN {ScanRouteHour.LimitFallbackRule}
                    ELSE coalesce({RawScans.Rule}, {ScanRouteHour.DefaultRule}) END)::smallint AS route_rule,
                coalesce({RawScans.Variant}, {ScanRouteHour.NoVariant})::smallint AS route_variant
            FROM inserted WHERE {RawScans.Rule} IS NOT NULL OR {RawScans.Variant} IS NOT NULL OR {RawScans.ExpiredFallback} OR {RawScans.LimitFallback}),
        route_visited AS (
            INSERT INTO {RouteVisitors.Table} ({RouteVisitors.QrCodeId}, {RouteVisitors.Day}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.VisitorHash},
                {RouteVisitors.IsBot}, {RouteVisitors.FirstHour}, {RouteVisitors.PreviousFirstHour})
            SELECT DISTINCT ON ({RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), route_rule, route_variant, {RawScans.VisitorHash})
                {RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), route_rule, route_variant, {RawScans.VisitorHash}, {RawScans.IsBot}, hour, NULL::timestamptz
            FROM routed WHERE route_variant >= 0
            ORDER BY {RawScans.QrCodeId}, date_trunc('day', {RawScans.OccurredAt}, 'UTC'), route_rule, route_variant, {RawScans.VisitorHash}, {RawScans.OccurredAt}
            ON CONFLICT ({RouteVisitors.QrCodeId}, {RouteVisitors.Day}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.VisitorHash}) DO UPDATE
                SET {RouteVisitors.FirstHour} = excluded.{RouteVisitors.FirstHour}, {RouteVisitors.PreviousFirstHour} = {RouteVisitors.Table}.{RouteVisitors.FirstHour}
                WHERE excluded.{RouteVisitors.FirstHour} < {RouteVisitors.Table}.{RouteVisitors.FirstHour}
            RETURNING {RouteVisitors.QrCodeId}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.IsBot}, {RouteVisitors.FirstHour}, {RouteVisitors.PreviousFirstHour}),
        route_hours AS (
            INSERT INTO {RouteHours.Table} ({RouteHours.QrCodeId}, {RouteHours.Hour}, {RouteHours.Rule}, {RouteHours.Variant}, {RouteHours.IsBot}, {RouteHours.IsHead},
                {RouteHours.Scans}, {RouteHours.UniqueScanners})
            SELECT {RawScans.QrCodeId}, hour, route_rule, route_variant, {RawScans.IsBot}, {RawScans.IsHead}, sum(scans), sum(visitors) FROM (
                SELECT {RawScans.QrCodeId}, hour, route_rule, route_variant, {RawScans.IsBot}, {RawScans.IsHead}, 1 AS scans, 0 AS visitors FROM routed
                UNION ALL SELECT {RouteVisitors.QrCodeId}, {RouteVisitors.FirstHour}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.IsBot}, false, 0, 1 FROM route_visited
                UNION ALL SELECT {RouteVisitors.QrCodeId}, {RouteVisitors.PreviousFirstHour}, {RouteVisitors.Rule}, {RouteVisitors.Variant}, {RouteVisitors.IsBot}, false, 0, -1 FROM route_visited
                    WHERE {RouteVisitors.PreviousFirstHour} IS NOT NULL) AS counted
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT ({RouteHours.QrCodeId}, {RouteHours.Hour}, {RouteHours.Rule}, {RouteHours.Variant}, {RouteHours.IsBot}, {RouteHours.IsHead})
            DO UPDATE SET {RouteHours.Scans} = {RouteHours.Table}.{RouteHours.Scans} + excluded.{RouteHours.Scans},
                {RouteHours.UniqueScanners} = {RouteHours.Table}.{RouteHours.UniqueScanners} + excluded.{RouteHours.UniqueScanners}
            RETURNING 1)
        SELECT count(*) FROM inserted
        """);

    private static async Task<int> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        if (scans.Count == 0)
        {
            return 0;
        }

        await using (var create = new NpgsqlCommand(CreateStaging, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false))
        {
            foreach (var scan in scans)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.QrCodeId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.ShortCode, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Country, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Region, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.City, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.DeviceType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Os, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Browser, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.ReferrerHost, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.IpAnonymised, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.VisitorHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.IsBot, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.IsHead, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Rule, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.Variant, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.ExpiredFallback, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(scan.LimitFallback, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var merge = new NpgsqlCommand(Merge, connection);
        return Convert.ToInt32(await merge.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
