using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Redirects;
using QrAspire.QrCodes;

namespace QrAspire.Worker.Batches;

/// <summary>
/// The first step of a bulk job: creates the code of every pending row, a chunk per transaction, each write fenced
/// and the lease renewed through <see cref="BatchLease"/>.
/// </summary>
public sealed class BatchRowWriter(IServiceScopeFactory scopes, BatchSettings settings, BatchMetrics metrics, TimeProvider clock, BatchLease lease)
{
    /// <summary>
    /// Creates the code of every pending row. Each chunk is one transaction that marks its rows processed (only those
    /// still pending: a row another Worker got to first makes the chunk start over), inserts their codes, adds to
    /// the progress and renews the lease — so a restart resumes at the first pending row and creates no code twice.
    /// </summary>
    public async Task CreateCodesAsync(BatchClaim claim, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            var pending = await db.BatchRows.AsNoTracking()
                .Where(r => r.BatchId == claim.BatchId && r.ProcessedAt == null)
                .OrderBy(r => r.Line).Take(settings.ChunkSize).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return;
            }

            var invalidator = scope.ServiceProvider.GetRequiredService<RedirectInvalidator>();
            List<string> shortCodes;
            try
            {
                shortCodes = await CreateChunkAsync(db, claim, pending, cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                // A short code clashed: row by row, so only a custom code that was taken meanwhile fails its own row.
                shortCodes = [];
                foreach (var row in pending)
                {
                    db.ChangeTracker.Clear();
                    shortCodes.AddRange(await CreateOneAsync(db, claim, row, cancellationToken));
                }
            }

            foreach (var code in shortCodes)
            {
                // The code may be cached as unknown (404) by a redirector that was asked for it before.
                await invalidator.PublishAsync(code);
            }
        }
    }

    /// <summary>Creates the chunk's codes in one transaction; returns the dynamic codes' short codes.</summary>
    private async Task<List<string>> CreateChunkAsync(QrAspireDbContext db, BatchClaim claim, List<BatchRow> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MarkProcessedAsync(db, claim, rows, now, cancellationToken))
        {
            // Another Worker got to some of these rows: if it holds the batch now, stop; else read the pending rows again.
            await lease.RenewAsync(db, claim, cancellationToken);
            return [];
        }

        var created = new List<QrCode>(rows.Count);
        foreach (var row in rows)
        {
            var code = NewCodeOf(row).ToEntity(claim.WorkspaceId, now);
            db.QrCodes.Add(code);
            SetOutcome(db, row, code.Id, null);
            created.Add(code);
        }

        await lease.RenewAsync(db, claim, cancellationToken, createdRows: rows.Count);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.RowsProcessed(rows.Count, 0);
        return [.. created.Where(c => c.ShortCode is not null).Select(c => c.ShortCode!)];
    }

    /// <summary>One row in its own transaction: a generated short code that clashes is drawn again, a custom one fails the row.</summary>
    private async Task<List<string>> CreateOneAsync(QrAspireDbContext db, BatchClaim claim, BatchRow row, CancellationToken cancellationToken)
    {
        var spec = NewCodeOf(row);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await MarkProcessedAsync(db, claim, [row], now, cancellationToken))
            {
                return [];
            }

            var code = spec.ToEntity(claim.WorkspaceId, now);
            db.QrCodes.Add(code);
            SetOutcome(db, row, code.Id, null);
            await lease.RenewAsync(db, claim, cancellationToken, createdRows: 1);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                metrics.RowsProcessed(1, 0);
                return code.ShortCode is null ? [] : [code.ShortCode];
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception) && (spec.ShortCode is not null || attempt >= 5))
            {
                await transaction.RollbackAsync(cancellationToken);
                await FailRowAsync(db, claim, row, spec.ShortCode is null
                    ? "No free short code was found; retry this row in a new batch."
                    : $"The short code '{spec.ShortCode}' was taken after the file was checked; short codes are never reused.", cancellationToken);
                return [];
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                await transaction.RollbackAsync(cancellationToken); // a generated code clashed: draw again
            }
        }
    }

    private async Task FailRowAsync(QrAspireDbContext db, BatchClaim claim, BatchRow row, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MarkProcessedAsync(db, claim, [row], clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            return;
        }

        SetOutcome(db, row, null, reason);
        await lease.RenewAsync(db, claim, cancellationToken, failedRows: 1);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.RowsProcessed(0, 1);
    }

    /// <summary>Marks the rows processed if all of them are still pending; false (and nothing to commit) otherwise.</summary>
    private static async Task<bool> MarkProcessedAsync(QrAspireDbContext db, BatchClaim claim, List<BatchRow> rows, DateTime now, CancellationToken cancellationToken)
    {
        var lines = rows.Select(r => r.Line).ToList();
        var marked = await db.BatchRows
            .Where(r => r.BatchId == claim.BatchId && lines.Contains(r.Line) && r.ProcessedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ProcessedAt, now), cancellationToken);
        return marked == rows.Count;
    }

    private static void SetOutcome(QrAspireDbContext db, BatchRow row, string? qrCodeId, string? error)
    {
        var tracked = new BatchRow { BatchId = row.BatchId, Line = row.Line, Spec = row.Spec };
        db.BatchRows.Attach(tracked);
        tracked.QrCodeId = qrCodeId;
        tracked.Error = error;
    }

    /// <summary>The row's code as the file described it.</summary>
    internal static NewQrCode NewCodeOf(BatchRow row) =>
        JsonSerializer.Deserialize<NewQrCode>(row.Spec, QrCodeJson.Options) ?? throw new InvalidOperationException($"row {row.Line} has no code");
}
