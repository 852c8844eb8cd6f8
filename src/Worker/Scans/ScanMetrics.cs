using System.Diagnostics.Metrics;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Worker.Scans;

/// <summary>The ingestion's Prometheus series: <c>scans_ingested_total</c>, <c>scan_dead_letters_total</c>, <c>scan_ingest_lag_seconds</c>, <c>scan_ingest_queue_depth</c>.</summary>
public sealed class ScanMetrics : IDisposable
{
    private readonly Meter _meter = new(TelemetryExtensions.MeterName);
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _lag;
    private long _queueDepth;

    /// <summary>Creates the instruments.</summary>
    public ScanMetrics()
    {
        _ingested = _meter.CreateCounter<long>("scans_ingested", description: "Scans stored by the Worker (redeliveries not counted).");
        _deadLetters = _meter.CreateCounter<long>("scan_dead_letters", description: "Scan queue elements refused and kept in scan_dead_letters.");
        _lag = _meter.CreateHistogram("scan_ingest_lag", "s", "From the redirect to the scan's commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _meter.CreateObservableGauge("scan_ingest_queue_depth", () => Volatile.Read(ref _queueDepth), description: "Scan events waiting in Redis.");
    }

    /// <summary>A batch was committed.</summary>
    public void Ingested(int inserted, int deadLetters, double lagSeconds)
    {
        _ingested.Add(inserted);
        _deadLetters.Add(deadLetters);
        if (inserted > 0)
        {
            _lag.Record(Math.Max(0, lagSeconds));
        }
    }

    /// <summary>The queue's length as last seen.</summary>
    public void QueueDepth(long depth) => Volatile.Write(ref _queueDepth, depth);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
