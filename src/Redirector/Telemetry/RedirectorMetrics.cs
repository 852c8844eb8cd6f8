using System.Diagnostics;
using System.Diagnostics.Metrics;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Redirector.Telemetry;

/// <summary>
/// The Redirector's instruments (Prometheus names): <c>redirects_total{status}</c>, <c>redirect_latency_seconds</c>,
/// <c>redirect_cache_hits_total{level}</c> / <c>redirect_cache_misses_total{level}</c>, <c>scans_total{type}</c>,
/// <c>scan_queue_depth</c>, <c>scan_spill_depth</c>.
/// </summary>
public sealed class RedirectorMetrics
{
    // Tags are boxed once: the hot path records without allocating.
    private static readonly KeyValuePair<string, object?> L1 = new("level", "l1");
    private static readonly KeyValuePair<string, object?> L2 = new("level", "l2");
    private static readonly KeyValuePair<string, object?> Database = new("level", "database");
    private static readonly KeyValuePair<string, object?> Status301 = new("status", "301");
    private static readonly KeyValuePair<string, object?> Status302 = new("status", "302");
    private static readonly KeyValuePair<string, object?> Status307 = new("status", "307");
    private static readonly KeyValuePair<string, object?> Status404 = new("status", "404");
    private static readonly KeyValuePair<string, object?> Status410 = new("status", "410");
    private static readonly KeyValuePair<string, object?> ScanType = new("type", "scan");
    private static readonly KeyValuePair<string, object?> HeadType = new("type", "head");
    private static readonly KeyValuePair<string, object?> BotType = new("type", "bot");

    // Sub-millisecond buckets: a cache hit takes tens of microseconds, a database miss a few milliseconds.
    private static readonly double[] LatencyBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Counter<long> _redirects;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _scans;

    public RedirectorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TelemetryExtensions.MeterName);
        _redirects = meter.CreateCounter<long>("redirects", description: "Answers to /{code}, by HTTP status.");
        _latency = meter.CreateHistogram("redirect_latency", "s", "Time to answer /{code}, server side.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _hits = meter.CreateCounter<long>("redirect_cache_hits", description: "Short code lookups answered by a cache level (l1 memory, l2 Redis).");
        _misses = meter.CreateCounter<long>("redirect_cache_misses", description: "Short code lookups a level could not answer (database: queries).");
        _scans = meter.CreateCounter<long>("scans", description: "Scan events queued: scan (a person), head (HEAD request), bot (link preview).");
        Meter = meter;
    }

    internal Meter Meter { get; }

    public void Answered(int status, long startTimestamp)
    {
        _redirects.Add(1, status switch
        {
            301 => Status301,
            302 => Status302,
            307 => Status307,
            410 => Status410,
            _ => Status404,
        });
        _latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    public void L1Hit() => _hits.Add(1, L1);

    public void L1Miss() => _misses.Add(1, L1);

    public void L2Hit() => _hits.Add(1, L2);

    public void L2Miss() => _misses.Add(1, L2);

    public void DatabaseQuery() => _misses.Add(1, Database);

    public void Scan(bool head, bool bot) => _scans.Add(1, bot ? BotType : head ? HeadType : ScanType);
}
