using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Logging;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.ServiceDefaults;

/// <summary>The defaults every QrAspire service starts with: JSON logs, OpenTelemetry, Prometheus, health.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Path of the readiness endpoint: every dependency reachable.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint: the process is up.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    private const string LiveTag = "live";

    /// <summary>Full defaults for the Api and the Worker: the edge defaults plus outgoing HTTP telemetry, service discovery and resilience.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddEdgeServiceDefaults();
        builder.AddOutgoingHttpTelemetry();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Lean defaults for the Native AOT Redirector: JSON logs, traces and metrics (OTLP when Aspire gives an endpoint,
    /// Prometheus always), and the liveness check — nothing reflection-heavy.
    /// </summary>
    public static TBuilder AddEdgeServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonConsoleLogging();
        builder.AddTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (all checks: ready), <c>/alive</c> (liveness only) and <c>/metrics</c> in every environment
    /// (Kubernetes probes and Prometheus need them in production too), and counts every other request under the names
    /// the alert rules use (<c>http_requests_total</c>, <c>http_request_duration_seconds</c>, <c>errors_total</c>). Call
    /// it first, so that the count sees the final status of every request.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<HttpRequestMetrics>();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
