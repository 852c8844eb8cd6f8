using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QrAspire.Platform.Database;

namespace QrAspire.Migrator;

/// <summary>
/// Creates or updates the Redirector's database role: it can log in, SELECT the tables a redirect reads and nothing
/// else, and its sessions are read-only by default. Idempotent: every run resets the role's rights and password to
/// exactly these, so a right granted by hand or a changed password does not outlive the next deploy.
/// </summary>
public static partial class RedirectorRole
{
    /// <summary>The tables the Redirector reads (src/Redirector/Redirects/RedirectLookup.cs).</summary>
    public static IReadOnlyList<string> ReadableTables { get; } = [Schema.QrCodes.Table, Schema.Domains.Table];

    /// <summary>Applies the role on PostgreSQL; on SQLite there are no roles, and nothing happens.</summary>
    public static async Task EnsureAsync(DbContext db, RedirectorRoleSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        if (!db.Database.IsNpgsql())
        {
            LogSkipped(logger, settings.Role);
            return;
        }

        await db.Database.ExecuteSqlRawAsync(Sql(settings), cancellationToken).ConfigureAwait(false);
        LogApplied(logger, settings.Role, string.Join(", ", ReadableTables));
    }

    private static string Sql(RedirectorRoleSettings settings)
    {
        // DDL takes no bound parameters: the name is a checked identifier and the password a quoted literal.
        var role = settings.Role;
        var password = "'" + settings.Password.Replace("'", "''", StringComparison.Ordinal) + "'";
        var grants = string.Concat(ReadableTables.Select(table => $"GRANT SELECT ON TABLE {table} TO {role};\n"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role}; END IF;
            END $$;
            ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD {password};
            ALTER ROLE {role} SET default_transaction_read_only = on;
            DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO {role}', current_database()); END $$;
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE CREATE ON SCHEMA public FROM {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role};
            {grants}
            """);
    }

    [LoggerMessage(EventId = 10, EventName = "redirector_role_applied", Level = LogLevel.Information, Message = "database role {role} can read {tables} and nothing else")]
    private static partial void LogApplied(ILogger logger, string role, string tables);

    [LoggerMessage(EventId = 11, EventName = "redirector_role_skipped", Level = LogLevel.Information, Message = "database role {role} not applied: the database has no roles (SQLite)")]
    private static partial void LogSkipped(ILogger logger, string role);
}
