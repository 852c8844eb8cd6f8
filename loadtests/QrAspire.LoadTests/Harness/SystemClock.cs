using System.Diagnostics;

namespace QrAspire.LoadTests.Harness;

/// <summary>The monotonic clock of a real run.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public async Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        // No spinning: on two shared cores a spinning scheduler would take a core from the server it measures. Timers
        // fire about a millisecond late, so at high rates requests leave in small bursts; every one of them is still
        // timed from its scheduled time, and the report shows how late the scheduler sent (send lag).
        while (Elapsed < due)
        {
            var remaining = due - Elapsed;
            await Task.Delay(remaining > TimeSpan.FromMilliseconds(1) ? remaining : TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }
}
