using System.Net;
using System.Text.Json;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class HealthAndMetricsTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task HealthReportsTheDatabaseRedisAndTheScanQueue()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);

        using var response = await server.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scans").GetProperty("status").GetString());
    }

    [Fact]
    public async Task MetricsHaveRedirectCountsLatencyCacheLevelsAndQueueDepths()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var codes = new TestCodes(infrastructure);
        var code = await codes.AddAsync("https://example.com/measured");
        for (var i = 0; i < 3; i++)
        {
            using var response = await server.GetAsync("/" + code);
        }

        using (await server.GetAsync("/" + TestCodes.NewCode("nometric")))
        {
        }

        var metrics = await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("redirects_total{otel_scope_name=\"QrAspire\",status=\"302\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("redirects_total{otel_scope_name=\"QrAspire\",status=\"404\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("redirect_latency_seconds_bucket{otel_scope_name=\"QrAspire\",le=\"0.0001\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("redirect_cache_hits_total{otel_scope_name=\"QrAspire\",level=\"l1\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("redirect_cache_misses_total{otel_scope_name=\"QrAspire\",level=\"database\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("scan_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("scan_spill_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("scans_total", metrics, StringComparison.Ordinal);
    }
}
