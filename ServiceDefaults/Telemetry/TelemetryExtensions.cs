using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace QrAspire.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry wiring: traces, metrics and logs, exported over OTLP when configured and scraped by Prometheus.</summary>
public static class TelemetryExtensions
{
    /// <summary>Name of the meter and activity source every QrAspire service records its own instruments on.</summary>
    public const string MeterName = "QrAspire";

    /// <summary>
    /// True when an OTLP endpoint is configured (Aspire sets one). Only then are traces made: without an exporter
    /// they would be built per request and go nowhere — a real cost on the redirect path. Client integrations that
    /// trace (Redis, Npgsql) follow the same switch.
    /// </summary>
    public static bool ExportsTraces(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    internal static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterName)
                // Npgsql's pool gauge, under the name the alert rules use:
                // active_connections{db_client_connection_state="used"|"idle"}.
                .AddMeter("Npgsql")
                .AddView("db.client.connection.count", new MetricStreamConfiguration { Name = "active_connections" })
                .AddPrometheusExporter());

        // Log records follow the same switch as traces.
        if (ExportsTraces(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName, MeterName)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = IsTraced))
                .UseOtlpExporter();
        }
    }

    internal static void AddOutgoingHttpTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddHttpClientInstrumentation());
        if (ExportsTraces(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing.AddHttpClientInstrumentation());
        }
    }

    // Probes and scrapes arrive every few seconds and would drown the traces people look at.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath)
        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath);
}
