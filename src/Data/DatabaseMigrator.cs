using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace QrAspire.Data;

/// <summary>Brings the database to the latest migration: the one-shot step that runs before a new version starts.</summary>
public static partial class DatabaseMigrator
{
    /// <summary>Creates the database if needed, applies every pending migration, then normalises stored e-mail addresses.</summary>
    public static async Task MigrateAsync(QrAspireDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            PrepareSqliteFile(db.Database.GetConnectionString());
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        LogPending(logger, pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets the Redirector read while the Api and Worker write; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        }

        await AccountEmailNormalization.RunAsync(db, logger, cancellationToken).ConfigureAwait(false);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).LastOrDefault();
        LogMigrated(logger, applied ?? "(none)");
    }

    private static void PrepareSqliteFile(string? connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "migrations_pending", Level = LogLevel.Information, Message = "{count} pending migration(s): {migrations}")]
    private static partial void LogPending(ILogger logger, int count, string migrations);

    [LoggerMessage(EventId = 2, EventName = "database_migrated", Level = LogLevel.Information, Message = "database is at migration {migration}")]
    private static partial void LogMigrated(ILogger logger, string migration);
}
