using System.Diagnostics;

namespace QrAspire.TestSupport;

/// <summary>
/// Waiting for a condition with a deadline instead of sleeping a fixed time: as quick as the system under test, as
/// patient as the deadline on a busy machine, and a message naming what never happened.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds and returns how long that took; throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> once <paramref name="within"/> has passed. An
    /// exception <paramref name="transient"/> accepts (a server not listening yet) counts as "not yet".
    /// </summary>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what,
        Func<Exception, bool>? transient = null, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception exception) when (transient?.Invoke(exception) == true && clock.Elapsed <= within)
            {
                // not yet
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"not within {within.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(poll ?? DefaultPoll);
        }
    }

    /// <summary>
    /// Reads a value until <paramref name="done"/> accepts it or <paramref name="within"/> has passed, and returns the
    /// last value read either way, for the test to assert on with its own message.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > within)
            {
                return value;
            }

            await Task.Delay(poll ?? DefaultPoll);
        }
    }
}
