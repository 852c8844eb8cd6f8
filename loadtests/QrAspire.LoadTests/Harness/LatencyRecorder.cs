using HdrHistogram;

namespace QrAspire.LoadTests.Harness;

/// <summary>
/// Records one scenario's measured requests: latency in microseconds in an HdrHistogram (3 significant digits, up to
/// a minute), a coarser histogram per second for the latency-over-time chart, and the counts of successes, failures
/// (by reason) and missed sends. Thread-safe: requests complete on any thread.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Latencies above a minute are recorded as a minute: no request of ours waits that long.</summary>
    private const long HighestMicroseconds = 60_000_000;

    private readonly Lock _gate = new();
    private readonly LongHistogram _latency = new(HighestMicroseconds, 3);
    private readonly LongHistogram _sendLag = new(HighestMicroseconds, 2);
    private readonly SortedDictionary<long, SecondBucket> _timeline = [];
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private long _succeeded;
    private long _failed;
    private long _missedSends;

    public void Record(TimeSpan scheduledOffset, TimeSpan latency, TimeSpan sendLag, RequestOutcome outcome)
    {
        var micros = ToMicros(latency);
        lock (_gate)
        {
            // Failed requests that answered are timed too: a fast 500 must not make the percentiles look better.
            _latency.RecordValue(micros);
            _sendLag.RecordValue(ToMicros(sendLag));
            var bucket = BucketAt(scheduledOffset);
            bucket.Latency.RecordValue(micros);
            if (outcome.Success)
            {
                _succeeded++;
                if (outcome.Refusal is { } refusal)
                {
                    _refusals[refusal] = _refusals.GetValueOrDefault(refusal) + 1;
                }
            }
            else
            {
                _failed++;
                bucket.Errors++;
                CountFailure(outcome.Failure ?? "failed");
            }
        }
    }

    /// <summary>A request that was due but not sent because the in-flight cap was reached: an error, never dropped.</summary>
    public void RecordMissedSend(TimeSpan scheduledOffset)
    {
        lock (_gate)
        {
            _missedSends++;
            var bucket = BucketAt(scheduledOffset);
            bucket.Errors++;
            bucket.Missed++;
            CountFailure("missed send (in-flight cap)");
        }
    }

    /// <summary>The cheap numbers of the live progress line.</summary>
    public ProgressSnapshot Progress()
    {
        lock (_gate)
        {
            var count = _latency.TotalCount;
            return new ProgressSnapshot(_succeeded + _failed + _missedSends, _failed + _missedSends,
                count == 0 ? 0 : _latency.GetValueAtPercentile(50) / 1000.0,
                count == 0 ? 0 : _latency.GetValueAtPercentile(99) / 1000.0);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            var answered = _latency.TotalCount;
            double Ms(double percentile) => answered == 0 ? 0 : _latency.GetValueAtPercentile(percentile) / 1000.0;
            var curve = PercentileCurve.Select(p => new PercentilePoint(p, Ms(p))).ToArray();
            var timeline = _timeline.Select(pair => new TimelinePoint(pair.Key, pair.Value.Latency.TotalCount + pair.Value.Missed,
                pair.Value.Latency.TotalCount == 0 ? 0 : pair.Value.Latency.GetValueAtPercentile(50) / 1000.0,
                pair.Value.Latency.TotalCount == 0 ? 0 : pair.Value.Latency.GetValueAtPercentile(99) / 1000.0,
                pair.Value.Latency.TotalCount == 0 ? 0 : pair.Value.Latency.GetMaxValue() / 1000.0,
                pair.Value.Errors)).ToArray();
            return new LatencySummary(
                Requests: _succeeded + _failed + _missedSends,
                Succeeded: _succeeded,
                Failed: _failed,
                MissedSends: _missedSends,
                P50Ms: Ms(50), P90Ms: Ms(90), P99Ms: Ms(99), P999Ms: Ms(99.9),
                MaxMs: answered == 0 ? 0 : _latency.GetMaxValue() / 1000.0,
                SendLagP99Ms: _sendLag.TotalCount == 0 ? 0 : _sendLag.GetValueAtPercentile(99) / 1000.0,
                Failures: new SortedDictionary<string, long>(_failures, StringComparer.Ordinal),
                Percentiles: curve,
                Timeline: timeline,
                Refusals: new SortedDictionary<string, long>(_refusals, StringComparer.Ordinal));
        }
    }

    /// <summary>The points of the percentile chart: denser towards the tail, where the gates are.</summary>
    internal static readonly double[] PercentileCurve = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

    private static long ToMicros(TimeSpan value) => Math.Clamp(value.Ticks / (TimeSpan.TicksPerMillisecond / 1000), 1, HighestMicroseconds);

    private SecondBucket BucketAt(TimeSpan scheduledOffset)
    {
        var second = (long)Math.Max(0, Math.Floor(scheduledOffset.TotalSeconds));
        if (!_timeline.TryGetValue(second, out var bucket))
        {
            bucket = new SecondBucket();
            _timeline[second] = bucket;
        }

        return bucket;
    }

    private void CountFailure(string reason) => _failures[reason] = _failures.GetValueOrDefault(reason) + 1;

    private sealed class SecondBucket
    {
        public LongHistogram Latency { get; } = new(HighestMicroseconds, 2);

        public long Errors { get; set; }

        /// <summary>Missed sends are not in the histogram; counted here so each second's request count is whole.</summary>
        public long Missed { get; set; }
    }
}
