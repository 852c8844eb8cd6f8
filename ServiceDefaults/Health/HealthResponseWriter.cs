using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QrAspire.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as a small JSON document: overall status plus each check's status. Descriptions name hosts
/// and carry error text, so only the management port's answer has them (<see cref="WriteDetailedAsync"/>).
/// </summary>
public static class HealthResponseWriter
{
    /// <summary>Writes <paramref name="report"/> without descriptions: safe for any caller.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, detailed: false);

    /// <summary>Writes <paramref name="report"/> with each check's description: for the management port only.</summary>
    public static Task WriteDetailedAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, detailed: true);

    // AOT-safe: no reflection-based serializer.
    private static async Task WriteAsync(HttpContext context, HealthReport report, bool detailed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var json = new Utf8JsonWriter(context.Response.BodyWriter);
        await using var jsonScope = json.ConfigureAwait(false);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (detailed && entry.Description is not null)
            {
                json.WriteString("description", entry.Description);
            }

            json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
