using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;
using QrAspire.QrCodes;

namespace QrAspire.Worker.Batches;

/// <summary>
/// This Worker's hold on batches. A Worker claims the oldest queued batch — or a running one whose lease has expired,
/// because the Worker that held it died — by a conditional update, so two Workers never both win a claim. Each claim
/// has its own number (<see cref="Batch.Attempts"/>); every later write is fenced by (owner, number) and renews the
/// lease, so a Worker that lost its batch to another stops at its next write.
/// </summary>
public sealed class BatchLease(
    IServiceScopeFactory scopes, BatchSettings settings, BatchMetrics metrics, TimeProvider clock, ILogger<BatchProcessor> logger)
{
    /// <summary>This Worker's name on the leases it holds.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Claims a batch that is queued or whose lease has expired, fairly between accounts: only of an account running
    /// fewer than <c>BATCH_RUNNING_PER_ACCOUNT</c> batches (on any Worker), the account running fewest first, then
    /// the oldest. So one account's large job never holds back another account's small one while a Worker has a free
    /// slot. Null when there is none.
    /// </summary>
    public async Task<BatchClaim?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var running = db.Batches.Where(b => b.Status == BatchStatus.Running && b.LeaseExpiresAt >= now);
        var candidates = await db.Batches.AsNoTracking()
            .Where(b => b.Status == BatchStatus.Queued || (b.Status == BatchStatus.Running && b.LeaseExpiresAt < now))
            .Select(b => new { Batch = b, Running = running.Count(r => r.WorkspaceId == b.WorkspaceId) })
            .Where(c => c.Running < settings.RunningPerAccount)
            .OrderBy(c => c.Running).ThenBy(c => c.Batch.CreatedAt).Take(5)
            .Select(c => c.Batch).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var attempt = candidate.Attempts + 1;
            var expires = now + settings.Lease;
            // Conditional on the attempt number seen: of two Workers racing for the batch, only one update matches.
            var claimed = await db.Batches
                .Where(b => b.Id == candidate.Id && b.Attempts == candidate.Attempts
                    && (b.Status == BatchStatus.Queued || (b.Status == BatchStatus.Running && b.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(b => b.Status, BatchStatus.Running)
                    .SetProperty(b => b.LeaseOwner, WorkerId)
                    .SetProperty(b => b.LeaseExpiresAt, expires)
                    .SetProperty(b => b.Attempts, attempt)
                    .SetProperty(b => b.StartedAt, b => b.StartedAt ?? now), cancellationToken);
            if (claimed == 1)
            {
                return new BatchClaim(candidate.Id, candidate.WorkspaceId, candidate.Name, candidate.Format, candidate.TotalRows, attempt);
            }
        }

        return null;
    }

    /// <summary>
    /// Renews the lease, adding to the progress, if this Worker still holds it — in <paramref name="db"/>'s transaction
    /// when it has one; throws <see cref="BatchLeaseLostException"/> otherwise.
    /// </summary>
    public async Task RenewAsync(QrAspireDbContext db, BatchClaim claim, CancellationToken cancellationToken, int createdRows = 0, int failedRows = 0)
    {
        var expires = clock.GetUtcNow().UtcDateTime + settings.Lease;
        var renewed = await db.Batches
            .Where(b => b.Id == claim.BatchId && b.LeaseOwner == WorkerId && b.Attempts == claim.Attempt && b.Status == BatchStatus.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(b => b.LeaseExpiresAt, expires)
                .SetProperty(b => b.RowsDone, b => b.RowsDone + createdRows)
                .SetProperty(b => b.RowsFailed, b => b.RowsFailed + failedRows), cancellationToken);
        if (renewed != 1)
        {
            throw new BatchLeaseLostException();
        }
    }

    /// <summary>Gives the batch back: queued for any Worker after <paramref name="delay"/>.</summary>
    public async Task ReleaseAsync(BatchClaim claim, TimeSpan delay, bool countAttempt)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            var expires = clock.GetUtcNow().UtcDateTime + delay;
            // A graceful stop is not a failed attempt: the number goes back, and the owner is cleared so this Worker's writes stay fenced off.
            var attempts = countAttempt ? claim.Attempt : claim.Attempt - 1;
            await db.Batches
                .Where(b => b.Id == claim.BatchId && b.LeaseOwner == WorkerId && b.Attempts == claim.Attempt && b.Status == BatchStatus.Running)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(b => b.LeaseOwner, (string?)null)
                    .SetProperty(b => b.LeaseExpiresAt, expires)
                    .SetProperty(b => b.Attempts, attempts), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The lease then simply expires.
            BatchLog.ReleaseFailed(logger, exception, claim.BatchId);
        }
    }

    /// <summary>
    /// Marks the batch completed or failed and queues the <c>batch-finished</c> mail (to whoever started it) and the <c>batch.completed</c>
    /// webhook event (when the workspace subscribes) in the same transaction, if this Worker still holds the batch.
    /// </summary>
    public async Task FinishAsync(BatchClaim claim, BatchStatus status, string? blobKey, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.Batches
            .Where(b => b.Id == claim.BatchId && b.LeaseOwner == WorkerId && b.Attempts == claim.Attempt && b.Status == BatchStatus.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(b => b.Status, status)
                .SetProperty(b => b.FinishedAt, now)
                .SetProperty(b => b.BlobKey, blobKey)
                .SetProperty(b => b.Error, error)
                .SetProperty(b => b.LeaseOwner, (string?)null)
                .SetProperty(b => b.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        if (finished != 1)
        {
            BatchLog.LeaseLost(logger, claim.BatchId);
            return;
        }

        var batch = await db.Batches.AsNoTracking().FirstAsync(b => b.Id == claim.BatchId, cancellationToken);
        var statusName = WireNames.Of(status.ToState());
        // The person who started it hears of it while still a member; otherwise (and for batches from before
        // created_by) the workspace's owners and admins (in a personal workspace: its account).
        var starter = batch.CreatedBy is { } createdBy ? await db.MemberEmailAsync(claim.WorkspaceId, createdBy, cancellationToken) : null;
        List<string> recipients = starter is not null ? [starter] : await db.EmailsAsync(claim.WorkspaceId, [WorkspaceRoles.Owner, WorkspaceRoles.Admin], cancellationToken);
        foreach (var email in recipients)
        {
            db.EmailMessages.Add(new EmailMessage
            {
                Id = Ids.New("mail"),
                To = email,
                Template = "batch-finished",
                Data = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["batch_id"] = batch.Id,
                    ["name"] = batch.Name,
                    ["total_rows"] = batch.TotalRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["succeeded"] = batch.RowsDone.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["failed"] = batch.RowsFailed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["status"] = statusName,
                }),
                CreatedAt = now,
            });
        }

        await WebhookOutbox.AddAsync(db, claim.WorkspaceId, WebhookEventTypes.BatchCompleted, () => JsonSerializer.Serialize(
            new BatchCompletedData(batch.Id, batch.Name, statusName, batch.TotalRows, batch.RowsDone, batch.RowsFailed, now), BatchJson.Default.BatchCompletedData), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.BatchFinished(statusName);
        var duration = batch.StartedAt is { } started ? (now - started).TotalMilliseconds : 0;
        BatchLog.Finished(logger, batch.Id, statusName, batch.RowsDone, batch.RowsFailed, Math.Round(duration));
    }
}
