using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.TestSupport;

namespace QrAspire.SystemTests;

/// <summary>
/// The whole system, started by the AppHost in each infrastructure mode CI runs, comes up healthy and every
/// service answers /health, /alive and /metrics on its management endpoint (and only /alive on its app port); a sign-up's verification mail reaches the development pickup folder
/// through the outbox and the Worker. The <c>Mode</c> trait lets scripts/test.sh run one mode at a time.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Tier", "System")]
public sealed class AppHostStartsHealthyTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Services = ["api", "redirector", "worker"];

    [Fact]
    [Trait("Mode", "local")]
    public async Task EveryServiceIsHealthyOnLocalPostgresAndRedis()
    {
        var data = TestEnvironment.NewDataFolder("local");
        await using var app = await StartAsync("local", data);

        await AssertServicesAnswerAsync(app, expectedDatabase: "postgresql");
        await AssertSignUpMailArrivesAsync(app, data);
        Assert.True(HasResource(app, "postgres") && HasResource(app, "redis-server"), "local mode runs postgres and redis-server");
    }

    [Fact]
    [Trait("Mode", "embedded")]
    public async Task EveryServiceIsHealthyOnTheEmbeddedDefault()
    {
        var data = TestEnvironment.NewDataFolder("embedded");
        await using var app = await StartAsync("embedded", data);

        await AssertServicesAnswerAsync(app, expectedDatabase: "sqlite");
        await AssertSignUpMailArrivesAsync(app, data);
        Assert.True(HasResource(app, "garnet"), "embedded mode runs Garnet");
    }

    private static async Task<DistributedApplication> StartAsync(string mode, string data)
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        List<string> args = [$"--Infrastructure:Mode={mode}", $"--Infrastructure:DataPath={data}"];
        if (TestEnvironment.RedirectorBinary is { } binary)
        {
            args.Add($"--Redirector:Binary={binary}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.QrAspire_AppHost>([.. args], cancellation.Token);
        var app = await builder.BuildAsync(cancellation.Token);
        await app.StartAsync(cancellation.Token);
        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellation.Token);
        }

        return app;
    }

    private static async Task AssertServicesAnswerAsync(DistributedApplication app, string expectedDatabase)
    {
        foreach (var service in Services)
        {
            using var http = app.CreateHttpClient(service, "management");
            using var publicHttp = app.CreateHttpClient(service, "http");

            // Operations endpoints are private: on the app's own port only liveness answers.
            using var publicHealth = await publicHttp.GetAsync(new Uri("/health", UriKind.Relative));
            using var publicMetrics = await publicHttp.GetAsync(new Uri("/metrics", UriKind.Relative));
            using var publicAlive = await publicHttp.GetAsync(new Uri("/alive", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, publicHealth.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
            Assert.Equal(HttpStatusCode.OK, publicAlive.StatusCode);

            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
            var checks = report.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.StartsWith(expectedDatabase, checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());

            using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains($"service_name=\"{service}\"", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
        }
    }

    // No mail server configured: the AppHost points the Worker at {data}/mail, where each mail lands as an .eml file.
    private static async Task AssertSignUpMailArrivesAsync(DistributedApplication app, string data)
    {
        var email = $"ada-{Guid.NewGuid():N}@example.com";
        using var api = app.CreateHttpClient("api", "http");
        using var register = await api.PostAsync(new Uri("/api/v1/auth/register", UriKind.Relative),
            new StringContent($$"""{"email":"{{email}}","password":"correct horse battery"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(register.IsSuccessStatusCode, $"register answered {(int)register.StatusCode}");

        var folder = Path.Combine(data, "mail");
        var mail = await Eventually.ValueAsync(
            () => Task.FromResult(Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).FirstOrDefault(m => m.Contains(email, StringComparison.Ordinal))
                : null),
            found => found is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        Assert.NotNull(mail);
        Assert.Contains("Subject: Confirm your e-mail address for QrAspire", mail, StringComparison.Ordinal);
        // The link leads to the web console the AppHost started (its port is random under test).
        var web = app.GetEndpoint("web", "http").ToString().TrimEnd('/');
        Assert.Contains($"{web}/verify-email?token=qrt_", mail, StringComparison.Ordinal);
    }

    private static bool HasResource(DistributedApplication app, string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Any(r => r.Name == name);
}
