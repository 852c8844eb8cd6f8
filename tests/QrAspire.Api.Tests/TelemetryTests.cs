using System.Net;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>Requests and rendering are counted under the metric names the alert rules use (docs/operations/monitoring.md).</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class TelemetryTests(ApiHost api)
{
    [Fact]
    public async Task RenderingIsCountedByFormatAndTypeWithItsDuration()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        using var image = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}/image.eps");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var metrics = await ScrapeUntilAsync("qr_generations_total\\{[^}]*format=\"eps\"");

        Assert.Matches("qr_generations_total\\{[^}]*format=\"eps\"[^}]*type=\"dynamic\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("qr_generation_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsAreCountedByMethodAndStatusWithoutProbes()
    {
        var client = api.Factory.CreateClient();
        using var missing = await client.GetAsync(new Uri("/api/v1/qr-codes/qr_missing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        var metrics = await ScrapeUntilAsync("http_requests_total\\{[^}]*status=\"401\"");

        Assert.Matches("http_requests_total\\{[^}]*method=\"GET\"[^}]*status=\"401\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("http_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.DoesNotMatch("http_requests_total\\{[^}]*(health|alive|metrics)", metrics);
    }

    // The Prometheus exporter caches a scrape for a few hundred milliseconds, so a series recorded just now may show
    // only in the next one.
    private Task<string> ScrapeUntilAsync(string pattern) =>
        Eventually.ValueAsync(() => api.Factory.CreateClient().GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            metrics => System.Text.RegularExpressions.Regex.IsMatch(metrics, pattern), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
}
