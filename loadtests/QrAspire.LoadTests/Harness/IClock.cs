namespace QrAspire.LoadTests.Harness;

/// <summary>
/// Time as the scheduler sees it. An interface so the unit tests can stall a "server" for exactly as long as they
/// want and check that latency is counted from the scheduled time, without sleeping.
/// </summary>
public interface IClock
{
    /// <summary>Time since the clock's start.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Completes once <see cref="Elapsed"/> has reached <paramref name="due"/>.</summary>
    Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken);
}
