using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace QrAspire.ServiceDefaults.Telemetry;

/// <summary>
/// Counts HTTP requests under the names the alert rules and dashboards query (docs/operations/monitoring.md):
/// <c>http_requests_total{method,status}</c>, <c>http_request_duration_seconds{method,status}</c> and
/// <c>errors_total{type}</c> (5xx answers and unhandled exceptions). Probes and scrapes (<c>/health</c>,
/// <c>/alive</c>, <c>/metrics</c>) are not counted; methods other than the standard nine are counted as <c>OTHER</c>. Cheap enough for the redirect path: a timestamp, two recordings
/// with stack-only tags, cached status strings.
/// </summary>
internal sealed class HttpRequestMetrics(RequestDelegate next)
{
    private static readonly Meter Meter = new(TelemetryExtensions.MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("http_requests", description: "HTTP requests answered, by method and status.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("http_request_duration", "s", "Time to answer an HTTP request.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("errors", description: "Errors by type: http_5xx answers, unhandled exceptions.");

    // Anyone can send any method: only the standard ones become label values, so the series stay few.
    private static readonly FrozenSet<string> KnownMethods = new[]
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete,
        HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The label value for other methods.</summary>
    internal const string OtherMethod = "OTHER";

    // Status codes as label values, made once: no string per request.
    private static readonly string[] StatusText = Enumerable.Range(0, 600).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath)
            || path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            Errors.Add(1, new KeyValuePair<string, object?>("type", "unhandled_exception"));
            Record(context.Request.Method, StatusCodes.Status500InternalServerError, started);
            throw;
        }

        Record(context.Request.Method, context.Response.StatusCode, started);
    }

    /// <summary>The method as a label value: one of the standard methods (canonical casing), else <see cref="OtherMethod"/>.</summary>
    internal static string MethodLabel(string method)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return KnownMethods.Contains(canonical) ? canonical : OtherMethod;
    }

    private static void Record(string method, int status, long started)
    {
        var tags = new TagList { { "method", MethodLabel(method) }, { "status", status is >= 0 and < 600 ? StatusText[status] : "other" } };
        Requests.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (status >= 500)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("type", "http_5xx"));
        }
    }
}
