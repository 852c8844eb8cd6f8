using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace QrAspire.Data;

/// <summary>How a unique-key clash looks on either database.</summary>
public static class DatabaseErrors
{
    /// <summary>True when the save failed on a unique index (PostgreSQL 23505, SQLite constraint).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 };
}
