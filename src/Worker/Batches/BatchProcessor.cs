using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Worker.Batches;

/// <summary>
/// Runs bulk jobs. A Worker claims the oldest queued batch — or a running one whose lease has expired, because the
/// Worker that held it died — by a conditional update, so two Workers never both win a claim. Each claim has its own
/// number (<see cref="Batch.Attempts"/>); every later write is fenced by (owner, number) and renews the lease, so a
/// Worker that lost its batch to another stops at its next write. Rows are created a chunk per transaction (see
/// <c>BatchProcessor.Rows.cs</c>), then every image is rendered into a ZIP (<c>BatchProcessor.Zip.cs</c>).
/// </summary>
public sealed partial class BatchProcessor(
    IServiceScopeFactory scopes, BatchSettings settings, BatchMetrics metrics, TimeProvider clock, ILogger<BatchProcessor> logger) : BackgroundService
{
    /// <summary>This Worker's name on the leases it holds.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A claimed batch: its id and owner, and this claim's number.</summary>
    private sealed record Claim(string BatchId, string OwnerId, string Name, string Format, int TotalRows, int Attempt);

    /// <summary>This Worker no longer holds the batch (its lease expired and another Worker took it).</summary>
    private sealed class LeaseLostException() : Exception("the batch's lease was lost to another worker");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken))
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is away, most likely: the loop waits and tries again.
                LogLoopFailed(logger, exception);
                await Task.Delay(settings.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Claims and runs one batch; false when there was nothing to do.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(cancellationToken);
        if (claim is null)
        {
            return false;
        }

        LogClaimed(logger, claim.BatchId, claim.Attempt);
        if (claim.Attempt > settings.MaxAttempts)
        {
            await FinishAsync(claim, BatchStatus.Failed, null, $"Gave up after {settings.MaxAttempts} attempts; the last one did not finish.", CancellationToken.None);
            return true;
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await CreateRowsAsync(claim, cancellationToken);
            var created = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var key = await WriteZipAsync(claim, cancellationToken);
            LogPhases(logger, claim.BatchId, Math.Round(created.TotalMilliseconds), Math.Round((System.Diagnostics.Stopwatch.GetElapsedTime(started) - created).TotalMilliseconds));
            await FinishAsync(claim, BatchStatus.Completed, key, null, cancellationToken);
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(logger, claim.BatchId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: hand the batch back at once, so another Worker resumes it without waiting for the lease.
            await ReleaseAsync(claim, TimeSpan.Zero, countAttempt: false);
            throw;
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, exception, claim.BatchId, claim.Attempt);
            if (claim.Attempt >= settings.MaxAttempts)
            {
                await FinishAsync(claim, BatchStatus.Failed, null, "The batch could not be processed; contact support with its id.", CancellationToken.None);
            }
            else
            {
                await ReleaseAsync(claim, settings.PollInterval * claim.Attempt, countAttempt: true);
            }
        }

        return true;
    }

    private async Task<Claim?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Batches.AsNoTracking()
            .Where(b => b.Status == BatchStatus.Queued || (b.Status == BatchStatus.Running && b.LeaseExpiresAt < now))
            .OrderBy(b => b.CreatedAt).Take(5).ToListAsync(cancellationToken);
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
                return new Claim(candidate.Id, candidate.OwnerId, candidate.Name, candidate.Format, candidate.TotalRows, attempt);
            }
        }

        return null;
    }

    /// <summary>Renews the lease if this Worker still holds it; throws <see cref="LeaseLostException"/> otherwise.</summary>
    private async Task RenewAsync(QrAspireDbContext db, Claim claim, CancellationToken cancellationToken, int createdRows = 0, int failedRows = 0)
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
            throw new LeaseLostException();
        }
    }

    /// <summary>Gives the batch back: queued for any Worker after <paramref name="delay"/>.</summary>
    private async Task ReleaseAsync(Claim claim, TimeSpan delay, bool countAttempt)
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
            LogReleaseFailed(logger, exception, claim.BatchId);
        }
    }

    [LoggerMessage(EventId = 6000, EventName = "batch_claimed", Level = LogLevel.Information, Message = "batch {batch_id} claimed (attempt {attempt})")]
    private static partial void LogClaimed(ILogger logger, string batch_id, int attempt);

    [LoggerMessage(EventId = 6001, EventName = "batch_lease_lost", Level = LogLevel.Warning, Message = "batch {batch_id}: lease lost to another worker; stopped")]
    private static partial void LogLeaseLost(ILogger logger, string batch_id);

    [LoggerMessage(EventId = 6002, EventName = "batch_attempt_failed", Level = LogLevel.Error, Message = "batch {batch_id}: attempt {attempt} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string batch_id, int attempt);

    [LoggerMessage(EventId = 6003, EventName = "batch_release_failed", Level = LogLevel.Warning, Message = "batch {batch_id}: could not release the lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string batch_id);

    [LoggerMessage(EventId = 6004, EventName = "batch_loop_failed", Level = LogLevel.Error, Message = "looking for batches failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6006, EventName = "batch_phases", Level = LogLevel.Information,
        Message = "batch {batch_id}: rows created in {create_ms} ms, ZIP rendered and stored in {zip_ms} ms")]
    private static partial void LogPhases(ILogger logger, string batch_id, double create_ms, double zip_ms);

    [LoggerMessage(EventId = 6005, EventName = "batch_finished", Level = LogLevel.Information,
        Message = "batch {batch_id} {status}: {rows_done} created, {rows_failed} failed, in {duration_ms} ms")]
    private static partial void LogFinished(ILogger logger, string batch_id, string status, int rows_done, int rows_failed, double duration_ms);
}
