namespace QrAspire.LoadTests.Harness;

/// <summary>One scenario's measured numbers, in milliseconds; what the gates judge and the reports show.</summary>
public sealed record LatencySummary(
    long Requests,
    long Succeeded,
    long Failed,
    long MissedSends,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double SendLagP99Ms,
    IReadOnlyDictionary<string, long> Failures,
    IReadOnlyList<PercentilePoint> Percentiles,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyDictionary<string, long>? Refusals = null)
{
    /// <summary>Answered requests that were refusals the system is meant to give (counted in <see cref="Succeeded"/>).</summary>
    public long Refused => Refusals?.Values.Sum() ?? 0;

    public long Errors => Failed + MissedSends;

    /// <summary>Errors over all requests that were due, sent or not.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}

public sealed record PercentilePoint(double Percentile, double LatencyMs);

/// <summary>One second of the measured phase (by scheduled time).</summary>
public sealed record TimelinePoint(long Second, long Requests, double P50Ms, double P99Ms, double MaxMs, long Errors);

public sealed record ProgressSnapshot(long Requests, long Errors, double P50Ms, double P99Ms);
