using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace QrAspire.Data;

/// <summary>How a unique-key clash or a missing referenced row looks on either database.</summary>
public static class DatabaseErrors
{
    // SQLite's extended result codes: SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY and _FOREIGNKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    /// <summary>True when the save failed on a unique index or primary key (PostgreSQL 23505, SQLite 2067 or 1555).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey };

    /// <summary>True when the save failed because a row it refers to is gone (PostgreSQL 23503, SQLite foreign key constraint).</summary>
    public static bool IsForeignKeyViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } or SqliteException { SqliteExtendedErrorCode: SqliteForeignKey };
}
