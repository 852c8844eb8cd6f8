using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Batches;

internal static class BatchStore
{
    /// <summary>The caller's batch, or null — also for another account's batch, which must look the same as a missing one.</summary>
    public static Task<Batch?> FindOwnedBatchAsync(this QrAspireDbContext db, string id, string ownerId, CancellationToken cancellationToken) =>
        db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.WorkspaceId == ownerId, cancellationToken);
}
