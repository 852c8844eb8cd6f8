using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// Readiness and metrics are operations endpoints: with <c>Management:Port</c> they answer only there (what a
/// Kubernetes Service publishes never shows them), and readiness on a public port tells no host names or errors.
/// </summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ManagementPortTests(InfrastructureFixture infrastructure)
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task HealthAndMetricsAnswerOnlyOnTheManagementPort()
    {
        var port = FreePort();
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("Management:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var publicHealth = await server.GetAsync("/health");
        using var publicMetrics = await server.GetAsync("/metrics");
        using var publicAlive = await server.GetAsync("/alive");
        using var privateHealth = await management.GetAsync(new Uri("/health", UriKind.Relative));
        using var privateMetrics = await management.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, publicHealth.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.DoesNotContain("scan_queue_depth", await publicMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, publicAlive.StatusCode); // the container's own health check uses it
        Assert.Equal(HttpStatusCode.OK, privateHealth.StatusCode);
        using var report = JsonDocument.Parse(await privateHealth.Content.ReadAsStringAsync());
        Assert.True(report.RootElement.GetProperty("checks").GetProperty("redis").TryGetProperty("description", out _), "operators see what each check reached");
        Assert.Equal(HttpStatusCode.OK, privateMetrics.StatusCode);
        Assert.Contains("scan_queue_depth", await privateMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessOnTheAppPortNamesNoHostAndNoError()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);

        using var response = await server.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(body);
        foreach (var check in report.RootElement.GetProperty("checks").EnumerateObject())
        {
            Assert.False(check.Value.TryGetProperty("description", out _), $"check {check.Name} describes itself to anyone");
        }

        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownMethodsAreCountedAsOther()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var invented = "BREW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using (await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(invented), new Uri("/anything", UriKind.Relative))))
        {
        }

        using (await server.GetAsync("/" + TestCodes.NewCode("methods")))
        {
        }

        var metrics = await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.DoesNotContain(invented, metrics, StringComparison.Ordinal);
        Assert.Matches("http_requests_total\\{[^}]*method=\"OTHER\"", metrics);
        Assert.Matches("http_requests_total\\{[^}]*method=\"GET\"", metrics);
    }
}
