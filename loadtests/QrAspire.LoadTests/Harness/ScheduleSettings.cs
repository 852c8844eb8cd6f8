namespace QrAspire.LoadTests.Harness;

/// <summary>
/// One scenario's open-model schedule: request i is due at i / <see cref="Rate"/> seconds after the start, whether or
/// not earlier ones have answered. Requests due during <see cref="Warmup"/> are sent but not recorded.
/// </summary>
public sealed record ScheduleSettings(double Rate, TimeSpan Warmup, TimeSpan Duration, int MaxInFlight, long MaxRequests = long.MaxValue)
{
    /// <summary>How many requests the schedule holds: bounded by time and by count.</summary>
    public long TotalRequests => Math.Min(MaxRequests, (long)Math.Ceiling((Warmup + Duration).TotalSeconds * Rate));

    public TimeSpan DueTime(long index) => TimeSpan.FromTicks((long)(index * TimeSpan.TicksPerSecond / Rate));
}
