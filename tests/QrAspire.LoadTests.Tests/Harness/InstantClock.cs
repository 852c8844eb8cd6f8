using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

/// <summary>
/// Virtual time that never waits: a wait moves the clock to its due time at once, and a fake server takes time only
/// by <see cref="Spend"/>. With an in-memory server that answers synchronously, every latency a run records is exactly
/// what the fakes spent plus how late the schedule let a request leave, on any machine.
/// </summary>
internal sealed class InstantClock : IClock
{
    private long _ticks;

    public TimeSpan Elapsed => new(Interlocked.Read(ref _ticks));

    public Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        long now;
        do
        {
            now = Interlocked.Read(ref _ticks);
        }
        while (due.Ticks > now && Interlocked.CompareExchange(ref _ticks, due.Ticks, now) != now);

        return Task.CompletedTask;
    }

    /// <summary>This clock from zero again: a run asks for a new clock per measurement.</summary>
    public IClock Restarted()
    {
        Interlocked.Exchange(ref _ticks, 0);
        return this;
    }

    /// <summary>Work that takes <paramref name="time"/>, such as a slow server's answer.</summary>
    public void Spend(TimeSpan time) => Interlocked.Add(ref _ticks, time.Ticks);
}
