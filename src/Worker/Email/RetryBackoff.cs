namespace QrAspire.Worker.Email;

/// <summary>Exponential back-off with jitter between delivery attempts.</summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt: base × 2^(attempts−1), capped at
    /// <paramref name="max"/>, of which a random half is taken off (<paramref name="random"/> in [0, 1)) so that mail
    /// failed together does not come back together. Below the cap, a wait is never shorter than the previous one could be.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan retryBase, TimeSpan max, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(retryBase.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + (full / 2 * Math.Clamp(random, 0, 1)));
    }
}
