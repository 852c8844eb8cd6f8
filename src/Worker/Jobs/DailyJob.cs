using System.Data.Common;

namespace QrAspire.Worker.Jobs;

/// <summary>
/// Runs <see cref="RunOnceAsync"/> once at start and then daily; a database failure is logged through
/// <see cref="OnFailed"/> and the next run comes a day later.
/// </summary>
public abstract class DailyJob(TimeProvider time) : BackgroundService
{
    /// <summary>The clock the schedule runs on; jobs compute their cutoffs from it too.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>One run of the job.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Logs a run that the database failed.</summary>
    protected abstract void OnFailed(DbException error);

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), Time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                OnFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
