using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Routing;
using QrAspire.Redirector.Domains;
using QrCodes = QrAspire.Platform.Database.Schema.QrCodes;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// The database side of a cache miss: one prepared query by <c>short_code</c> (unique index) on PostgreSQL or
/// the embedded SQLite file.
/// </summary>
public sealed class RedirectLookup(DatabaseConnections connections, ILogger<RedirectLookup> logger)
{
    // Built once per provider, not per request. Static codes have no short code, but the kind filter keeps a bad row
    // from ever redirecting.
    // A code on the service's own host has no domain; one on a branded domain is looked up with its domain's id.
    private static readonly string PostgresSql = Sql("$1", $"{QrCodes.DomainId} IS NULL");
    private static readonly string SqliteSql = Sql("$code", $"{QrCodes.DomainId} IS NULL");
    private static readonly string PostgresDomainSql = Sql("$1", $"{QrCodes.DomainId} = $2");
    private static readonly string SqliteDomainSql = Sql("$code", $"{QrCodes.DomainId} = $domain");

    private static string Sql(string parameter, string domainFilter) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT {QrCodes.Id}, {QrCodes.Destination}, {QrCodes.RedirectStatus}, {QrCodes.Status}, {QrCodes.ExpiresAt}, {QrCodes.DeletedAt}, {QrCodes.Routing}, {QrCodes.PasswordHash}
        FROM {QrCodes.Table} WHERE {QrCodes.ShortCode} = {parameter} AND {domainFilter} AND {QrCodes.Kind} = {QrCodes.Kinds.Dynamic}
        """);

    /// <summary>
    /// Reads the row of <paramref name="key"/> (a cache key: the short code, or <c>{domainId}/{shortCode}</c> on a
    /// branded domain) and turns it into the answer to cache.
    /// </summary>
    public async ValueTask<RedirectEntry> FindAsync(string key, CancellationToken cancellationToken)
    {
        var (domainId, code) = RedirectKeys.Split(key);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = connection is NpgsqlConnection postgres ? PostgresCommand(postgres, code, domainId) : SqliteCommand((SqliteConnection)connection, code, domainId);
        // Npgsql keeps prepared statements per physical connection: after the first time this is a local lookup.
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return RedirectEntry.NotFound();
        }

        var id = reader.GetString(0);
        var destination = reader.IsDBNull(1) ? null : reader.GetString(1);
        var status = reader.GetInt32(2);
        var paused = reader.GetInt32(3) != QrCodes.Statuses.Active;
        var expiresAt = ReadUtc(reader, 4);
        var deleted = !reader.IsDBNull(5);
        var routing = reader.IsDBNull(6) ? null : reader.GetString(6);
        var passwordHash = reader.IsDBNull(7) ? null : reader.GetString(7);
        if (deleted || paused)
        {
            return new RedirectEntry(RedirectState.Gone, id, null, status, null);
        }

        if (SafeLocation.Of(destination) is not { } location)
        {
            logger.LogWarning("short code {short_code} ({qr_id}) has no safe http(s) destination; answering 404", code, id);
            return new RedirectEntry(RedirectState.NotFound, id, null, status, null);
        }

        return new RedirectEntry(RedirectState.Active, id, location, status, expiresAt?.Ticks, routing, passwordHash);
    }

    private static NpgsqlCommand PostgresCommand(NpgsqlConnection connection, string code, string? domainId)
    {
        var command = new NpgsqlCommand(domainId is null ? PostgresSql : PostgresDomainSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = code });
        if (domainId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = domainId });
        }

        return command;
    }

    private static SqliteCommand SqliteCommand(SqliteConnection connection, string code, string? domainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = domainId is null ? SqliteSql : SqliteDomainSql;
        command.Parameters.Add(new SqliteParameter("$code", SqliteType.Text) { Value = code });
        if (domainId is not null)
        {
            command.Parameters.Add(new SqliteParameter("$domain", SqliteType.Text) { Value = domainId });
        }

        return command;
    }

    // PostgreSQL gives timestamptz as UTC; SQLite keeps EF's UTC text ("2026-11-26 07:26:20.6359198") without a zone.
    private static DateTime? ReadUtc(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (reader is NpgsqlDataReader)
        {
            return reader.GetDateTime(ordinal).ToUniversalTime();
        }

        var text = reader.GetString(ordinal);
        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
