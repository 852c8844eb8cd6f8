using System.Data.Common;
using Npgsql;
using QrAspire.Data.Model;
using QrAspire.Platform.Connections;
using DeadLetters = QrAspire.Platform.Database.Schema.ScanDeadLetters;
using RawScans = QrAspire.Platform.Database.Schema.Scans;

namespace QrAspire.Worker.Scans;

/// <summary>
/// Writes a batch of scans, their rollups and unique visitors, and the batch's dead letters, in one transaction.
/// Idempotent by scan id: a scan already stored is skipped, and only newly stored scans are added to the rollups
/// and visitors, so delivering a batch twice changes nothing.
/// </summary>
public sealed partial class ScanStore(DatabaseConnections connections)
{
    // The scans table's columns in the order every statement here lists them (COPY, INSERT … SELECT, parameters).
    private const string ScanColumns = $"""
        {RawScans.Id}, {RawScans.QrCodeId}, {RawScans.ShortCode}, {RawScans.OccurredAt}, {RawScans.Country},
        {RawScans.Region}, {RawScans.City}, {RawScans.DeviceType}, {RawScans.Os}, {RawScans.Browser},
        {RawScans.ReferrerHost}, {RawScans.IpAnonymised}, {RawScans.VisitorHash}, {RawScans.IsBot}, {RawScans.IsHead},
        {RawScans.Rule}, {RawScans.Variant}, {RawScans.ExpiredFallback}, {RawScans.LimitFallback}
        """;

    private const string InsertDeadLetter = $"""
        INSERT INTO {DeadLetters.Table} ({DeadLetters.Id}, {DeadLetters.Payload}, {DeadLetters.Reason}, {DeadLetters.FailedAt})
        VALUES (@id, @payload, @reason, @failed_at)
        """;

    /// <summary>Stores the batch; returns how many scans were new.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<Scan> scans, IReadOnlyList<ScanDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(deadLetters);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var inserted = connection is NpgsqlConnection postgres
                    ? await WritePostgresAsync(postgres, scans, cancellationToken).ConfigureAwait(false)
                    : await WriteSqliteAsync(connection, transaction, scans, cancellationToken).ConfigureAwait(false);
                await WriteDeadLettersAsync(connection, transaction, deadLetters, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted;
            }
            // Workers upsert the same rollup rows concurrently; a deadlock victim simply tries again.
            catch (PostgresException e) when (attempt < 5 && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation)
            {
                await Task.Delay(20 * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteDeadLettersAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ScanDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        foreach (var letter in deadLetters)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertDeadLetter;
            Add(command, "id", letter.Id);
            Add(command, "payload", letter.Payload);
            Add(command, "reason", letter.Reason);
            Add(command, "failed_at", connection is NpgsqlConnection ? letter.FailedAt : SqliteTime(letter.FailedAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // EF Core's SQLite text form of a DateTime: the same text must be written for the same instant, or keys differ.
    internal static string SqliteTime(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The key of a scan in <see cref="ScanRouteHour"/>, or null when the default destination without a variant
    /// answered it (those scans are the rest of <see cref="ScanHour"/>, and cost no extra row).
    /// </summary>
    internal static (short Rule, short Variant)? Route(Scan scan) =>
        scan.ExpiredFallback ? (ScanRouteHour.ExpiredFallbackRule, ScanRouteHour.NoVariant)
        : scan.LimitFallback ? (ScanRouteHour.LimitFallbackRule, ScanRouteHour.NoVariant)
        : scan.Rule is null && scan.Variant is null ? null
        : (scan.Rule ?? ScanRouteHour.DefaultRule, scan.Variant ?? ScanRouteHour.NoVariant);

    internal static DateTime Hour(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    internal static DateTime Day(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerDay), DateTimeKind.Utc);
}
