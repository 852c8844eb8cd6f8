using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

/// <summary>A clock that moves only when the test says so; waiters resume inline, so every step is deterministic.</summary>
internal sealed class FakeClock : IClock
{
    private readonly List<(TimeSpan Due, TaskCompletionSource Waiter)> _waiters = [];

    public TimeSpan Elapsed { get; private set; }

    public Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        if (due <= Elapsed)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource();
        _waiters.Add((due, waiter));
        // Like Task.Delay: a cancelled wait ends at once (the harness's samplers stop this way when disposed).
        cancellationToken.Register(() =>
        {
            _waiters.Remove((due, waiter));
            waiter.TrySetCanceled(cancellationToken);
        });
        return waiter.Task;
    }

    /// <summary>Moves to <paramref name="time"/>, waking each waiter that is due, in due order.</summary>
    public void AdvanceTo(TimeSpan time)
    {
        while (true)
        {
            var next = _waiters.Where(w => w.Due <= time).OrderBy(w => w.Due).FirstOrDefault();
            if (next.Waiter is null)
            {
                break;
            }

            _waiters.Remove(next);
            Elapsed = next.Due;
            next.Waiter.TrySetResult();
        }

        Elapsed = time;
    }

    /// <summary>Moves to <paramref name="time"/> before waking anyone: the waiters wake late, as in a starved process.</summary>
    public void JumpTo(TimeSpan time)
    {
        Elapsed = time;
        foreach (var waiter in _waiters.Where(w => w.Due <= time).OrderBy(w => w.Due).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Waiter.TrySetResult();
        }
    }

    /// <summary>Advances in steps of <paramref name="step"/> up to <paramref name="end"/>.</summary>
    public void Walk(TimeSpan end, TimeSpan step)
    {
        for (var t = Elapsed + step; t <= end; t += step)
        {
            AdvanceTo(t);
        }

        AdvanceTo(end);
    }
}
