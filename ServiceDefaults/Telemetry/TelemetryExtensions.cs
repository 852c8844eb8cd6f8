using Microsoft.AspNetCore.Http;
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

        // Aspire (and any OTLP collector) sets the endpoint. Without one, traces and log records would be made per
        // request and go nowhere — a real cost on the redirect path — so they are only set up when it is there.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
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
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
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
