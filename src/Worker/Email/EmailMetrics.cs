using System.Diagnostics.Metrics;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Worker.Email;

/// <summary>The e-mail sender's Prometheus series: <c>emails_sent_total{template,result}</c>.</summary>
public sealed class EmailMetrics : IDisposable
{
    private readonly Meter _meter = new(TelemetryExtensions.MeterName);
    private readonly Counter<long> _sent;

    /// <summary>Creates the instruments.</summary>
    public EmailMetrics() =>
        _sent = _meter.CreateCounter<long>("emails_sent", description: "Delivery attempts of outbox mail by result: sent, retry (will try again), failed (given up).");

    /// <summary>Counts one attempt's outcome.</summary>
    public void Attempt(string template, string result) =>
        _sent.Add(1, new KeyValuePair<string, object?>("template", template), new KeyValuePair<string, object?>("result", result));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
