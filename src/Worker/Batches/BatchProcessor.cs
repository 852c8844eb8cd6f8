using QrAspire.Data.Model;

namespace QrAspire.Worker.Batches;

/// <summary>
/// Runs bulk jobs, <c>BATCH_CONCURRENCY</c> at once per Worker (each in its own slot), as three steps: claim a batch (<see cref="BatchLease"/>, which also
/// fences every later write and finishes or hands back the batch), create its codes chunk by chunk
/// (<see cref="BatchRowWriter"/>), then render every image into a ZIP (<see cref="BatchArchiveWriter"/>).
/// </summary>
public sealed class BatchProcessor(
    BatchLease lease, BatchRowWriter rows, BatchArchiveWriter archive, BatchSettings settings, TimeProvider clock, ILogger<BatchProcessor> logger)
    : BackgroundService
{
    /// <summary>This Worker's name on the leases it holds.</summary>
    public string WorkerId => lease.WorkerId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    // One of this Worker's slots: claims and runs one batch at a time.
    private async Task LoopAsync(CancellationToken stoppingToken)
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
                BatchLog.LoopFailed(logger, exception);
                await Task.Delay(settings.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Claims and runs one batch; false when there was nothing to do.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = await lease.ClaimAsync(cancellationToken);
        if (claim is null)
        {
            return false;
        }

        BatchLog.Claimed(logger, claim.BatchId, claim.Attempt);
        if (claim.Attempt > settings.MaxAttempts)
        {
            await lease.FinishAsync(claim, BatchStatus.Failed, null, $"Gave up after {settings.MaxAttempts} attempts; the last one did not finish.", CancellationToken.None);
            return true;
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await rows.CreateCodesAsync(claim, cancellationToken);
            var created = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var zip = await archive.WriteAsync(claim, cancellationToken);
            BatchLog.Phases(logger, claim.BatchId, Math.Round(created.TotalMilliseconds), zip.Bytes,
                Math.Round((System.Diagnostics.Stopwatch.GetElapsedTime(started) - created).TotalMilliseconds), zip.PeakPendingBytes, zip.PeakUploadBuffered, zip.UploadBufferLimit);
            await lease.FinishAsync(claim, BatchStatus.Completed, zip.Key, null, cancellationToken);
        }
        catch (BatchLeaseLostException)
        {
            BatchLog.LeaseLost(logger, claim.BatchId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: hand the batch back at once, so another Worker resumes it without waiting for the lease.
            await lease.ReleaseAsync(claim, TimeSpan.Zero, countAttempt: false);
            throw;
        }
        catch (Exception exception)
        {
            BatchLog.BatchFailed(logger, exception, claim.BatchId, claim.Attempt);
            if (claim.Attempt >= settings.MaxAttempts)
            {
                await lease.FinishAsync(claim, BatchStatus.Failed, null, "The batch could not be processed; contact support with its id.", CancellationToken.None);
            }
            else
            {
                await lease.ReleaseAsync(claim, settings.PollInterval * claim.Attempt, countAttempt: true);
            }
        }

        return true;
    }
}
