using System.Diagnostics;

namespace QrAspire.LoadTests.Harness;

/// <summary>
/// The monotonic clock of a real run. Waits end on <see cref="PreciseTimer"/>'s own thread, which then runs the
/// scheduler's next steps (sending what is due) before going back to sleep: a request leaves within tens of
/// microseconds of its scheduled time instead of behind the thread pool's queue and a 1 ms timer tick.
/// </summary>
public sealed class SystemClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken) =>
        PreciseTimer.WaitUntilAsync(_start + (long)(due.TotalSeconds * Stopwatch.Frequency), cancellationToken);
}
