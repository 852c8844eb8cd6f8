using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.QrCodes;

/// <summary>Reads of one owner's live (not deleted) codes, and how a unique-key clash looks on either database.</summary>
internal static class QrCodeStore
{
    public static Task<QrCode?> FindOwnedAsync(this QrAspireDbContext db, string id, string ownerId, CancellationToken cancellationToken) =>
        db.QrCodes.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id && c.OwnerId == ownerId && c.DeletedAt == null, cancellationToken);

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 };
}
