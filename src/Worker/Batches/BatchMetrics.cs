using System.Diagnostics.Metrics;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Worker.Batches;

/// <summary>The bulk jobs' Prometheus series: <c>batch_rows_processed_total{result}</c> and <c>batches_completed_total{status}</c>.</summary>
public sealed class BatchMetrics : IDisposable
{
    private readonly Meter _meter = new(TelemetryExtensions.MeterName);
    private readonly Counter<long> _rows;
    private readonly Counter<long> _batches;

    /// <summary>Creates the instruments.</summary>
    public BatchMetrics()
    {
        _rows = _meter.CreateCounter<long>("batch_rows_processed", description: "Batch rows processed, by result (created, failed).");
        _batches = _meter.CreateCounter<long>("batches_completed", description: "Batches finished, by status (completed, failed).");
    }

    /// <summary>A chunk of rows was committed.</summary>
    public void RowsProcessed(int created, int failed)
    {
        if (created > 0)
        {
            _rows.Add(created, new KeyValuePair<string, object?>("result", "created"));
        }

        if (failed > 0)
        {
            _rows.Add(failed, new KeyValuePair<string, object?>("result", "failed"));
        }
    }

    /// <summary>A batch finished.</summary>
    public void BatchFinished(string status) => _batches.Add(1, new KeyValuePair<string, object?>("status", status));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
