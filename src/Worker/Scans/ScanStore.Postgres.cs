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

    // One statement: the rows that really were inserted (RETURNING skips conflicts) feed the rollups and visitors.
    // Rollup rows are upserted in key order so that concurrent Workers lock them in the same order.
    private const string Merge = """
        WITH inserted AS (
            INSERT INTO scans (id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
                referrer_host, ip_anonymised, visitor_hash, is_bot, is_head)
            SELECT id, qr_code_id, short_code, occurred_at, country, region, city, device_type, os, browser,
                referrer_host, ip_anonymised, visitor_hash, is_bot, is_head FROM scans_in
            ON CONFLICT (id) DO NOTHING
            RETURNING qr_code_id, occurred_at, country, region, city, device_type, os, browser, referrer_host, visitor_hash, is_bot, is_head),
        rolled AS (
            INSERT INTO scan_rollups (qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head, scans)
            SELECT qr_code_id, date_trunc('hour', occurred_at, 'UTC'), country, region, city, device_type, os, browser, referrer_host, is_bot, is_head, count(*)
            FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            ON CONFLICT (qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head)
            DO UPDATE SET scans = scan_rollups.scans + excluded.scans
            RETURNING 1),
        visited AS (
            INSERT INTO scan_visitors (qr_code_id, day, visitor_hash, is_bot, first_hour)
            SELECT DISTINCT ON (qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash)
                qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash, is_bot, date_trunc('hour', occurred_at, 'UTC')
            FROM inserted ORDER BY qr_code_id, date_trunc('day', occurred_at, 'UTC'), visitor_hash, occurred_at
            ON CONFLICT (qr_code_id, day, visitor_hash) DO UPDATE SET first_hour = excluded.first_hour
            WHERE excluded.first_hour < scan_visitors.first_hour
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
