using System.Data.Common;

namespace QrAspire.Worker.Jobs;

/// <summary>
/// Polls an outbox table: handles what is due, again at once while a pass handled anything, otherwise after
/// <see cref="PollInterval"/>. A lost database is logged through <see cref="OnDatabaseUnavailable"/> and waited out
/// like an empty pass; shutdown ends the loop quietly (what a pass has claimed it finishes first).
/// </summary>
public abstract class OutboxPoller(TimeProvider time) : BackgroundService
{
    /// <summary>The clock the poll waits on; outboxes compute due times from it too.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>How long to wait after a pass that handled nothing.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One pass: handles the rows due now; returns how many this Worker claimed.</summary>
    protected abstract Task<int> HandleDueAsync(CancellationToken stoppingToken);

    /// <summary>Logs a pass that could not read or write the outbox.</summary>
    protected abstract void OnDatabaseUnavailable(Exception error);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int handled;
                try
                {
                    handled = await HandleDueAsync(stoppingToken).ConfigureAwait(false);
                }
                // EF Core wraps a lost connection in InvalidOperationException ("likely due to a transient failure").
                catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException { InnerException: DbException })
                {
                    OnDatabaseUnavailable(e);
                    handled = 0;
                }

                if (handled == 0)
                {
                    await Task.Delay(PollInterval, Time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
