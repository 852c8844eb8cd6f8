using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Logging;
using QrAspire.ServiceDefaults.Management;
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
        builder.Services.AddSingleton(ManagementPort.From(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Answers <c>/health</c> (all checks: ready) and <c>/metrics</c> — on the management port alone when
    /// <c>Management:Port</c> is set (<see cref="ManagementPort"/>), where readiness also names each check's target
    /// and error — and <c>/alive</c> (liveness only) on every port, in every environment (Kubernetes probes and
    /// Prometheus need them in production too). Counts every other request under the names the alert rules use
    /// (<c>http_requests_total</c>, <c>http_request_duration_seconds</c>, <c>errors_total</c>). Call it first, so that
    /// the count sees the final status of every request and probes never reach the app's own middleware (rate limits).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var management = app.Services.GetRequiredService<ManagementPort>();
        management.Bind(app.Services, app.Configuration);
        app.UseMiddleware<HttpRequestMetrics>();
        app.UseHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        if (management.Port is { } port)
        {
            app.UseHealthChecks(HealthPath, port, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteDetailedAsync });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null,
                predicate: context => context.Request.Path == MetricsPath && management.Serves(context), path: null, configureBranchedPipeline: null, optionsName: null);
        }
        else
        {
            app.UseHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }
}
