using Npgsql;
using NpgsqlTypes;
using QrAspire.Data.Model;

namespace QrAspire.Worker.Scans;

public sealed partial class ScanStore
{
    private const string CreateStaging = """
        CREATE TEMP TABLE scans_in (
            id text, qr_code_id text, short_code text, occurred_at timestamptz, country text, region text, city text,
            device_type text, os text, browser text, referrer_host text, ip_anonymised text, visitor_hash text,
            is_bot boolean, is_head boolean) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY scans_in (id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
            referrer_host, ip_anonymised, visitor_hash, is_bot, is_head) FROM STDIN (FORMAT BINARY)
        """;

    // One statement: the rows that really were inserted (RETURNING skips conflicts) feed the aggregates and visitors.
    // A visitor row reports its previous first hour when a late scan moved it earlier, so its unique-scanner count
    // moves from that hour to the new one in the same statement. Aggregate rows are upserted in key order so that
    // concurrent Workers lock them in the same order. Scans are first summed per full combination of dimensions (as
    // the batch repeats them), and only those sums are split into the seven dimensions. The dimension numbers are
    // ScanDimension's.
    private const string Merge = """
        WITH inserted AS (
            INSERT INTO scans (id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
                referrer_host, ip_anonymised, visitor_hash, is_bot, is_head)
            SELECT id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
                referrer_host, ip_anonymised, visitor_hash, is_bot, is_head FROM scans_in
            ON CONFLICT (id) DO NOTHING
            RETURNING qr_code_id, date_trunc('hour', occurred_at, 'UTC') AS hour, occurred_at, country, region, city,
                device_type, os, browser, referrer_host, visitor_hash, is_bot, is_head),
        visited AS (
            INSERT INTO scan_visitors (qr_code_id, day, visitor_hash, is_bot, first_hour, previous_first_hour)
            SELECT DISTINCT ON (qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash)
                qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash, is_bot, hour, NULL::timestamptz
            FROM inserted ORDER BY qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash, occurred_at
            ON CONFLICT (qr_code_id, day, visitor_hash) DO UPDATE
                SET first_hour = excluded.first_hour, previous_first_hour = scan_visitors.first_hour
                WHERE excluded.first_hour < scan_visitors.first_hour
            RETURNING qr_code_id, is_bot, first_hour, previous_first_hour),
        combos AS (
            SELECT qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head, count(*) AS scans
            FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        hourly AS (
            INSERT INTO scan_hours (qr_code_id, hour, is_bot, is_head, scans, unique_scanners)
            SELECT qr_code_id, hour, is_bot, is_head, sum(scans), sum(visitors) FROM (
                SELECT qr_code_id, hour, is_bot, is_head, scans, 0 AS visitors FROM combos
                UNION ALL SELECT qr_code_id, first_hour, is_bot, false, 0, 1 FROM visited
                UNION ALL SELECT qr_code_id, previous_first_hour, is_bot, false, 0, -1 FROM visited WHERE previous_first_hour IS NOT NULL) AS counted
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (qr_code_id, hour, is_bot, is_head)
            DO UPDATE SET scans = scan_hours.scans + excluded.scans, unique_scanners = scan_hours.unique_scanners + excluded.unique_scanners
            RETURNING 1),
        dimensioned AS (
            SELECT c.qr_code_id, c.hour, d.dimension, d.value, c.is_bot, c.is_head, sum(c.scans) AS scans FROM combos AS c
            CROSS JOIN LATERAL (VALUES (0::smallint, c.country), (1::smallint, c.region), (2::smallint, c.city), (3::smallint, c.device_type),
                (4::smallint, c.os), (5::smallint, c.browser), (6::smallint, c.referrer_host)) AS d (dimension, value)
            GROUP BY 1, 2, 3, 4, 5, 6),
        dimension_hours AS (
            INSERT INTO scan_dimension_hours (qr_code_id, hour, dimension, value, is_bot, is_head, scans)
            SELECT qr_code_id, hour, dimension, value, is_bot, is_head, scans FROM dimensioned ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (qr_code_id, hour, dimension, value, is_bot, is_head) DO UPDATE SET scans = scan_dimension_hours.scans + excluded.scans
            RETURNING 1),
        dimension_days AS (
            INSERT INTO scan_dimension_days (qr_code_id, day, dimension, value, is_bot, is_head, scans)
            SELECT qr_code_id, date_trunc('day', hour, 'UTC'), dimension, value, is_bot, is_head, sum(scans) FROM dimensioned
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (qr_code_id, day, dimension, value, is_bot, is_head) DO UPDATE SET scans = scan_dimension_days.scans + excluded.scans
            RETURNING 1)
        SELECT count(*) FROM inserted
        """;

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
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var merge = new NpgsqlCommand(Merge, connection);
        return Convert.ToInt32(await merge.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
