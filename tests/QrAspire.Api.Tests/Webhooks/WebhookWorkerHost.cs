using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Data;
using QrAspire.Platform;
using QrAspire.TestSupport;
using QrAspire.Worker.Hosting;
using QrAspire.Worker.Webhooks;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>
/// The Worker's webhook delivery in-process, registered as the Worker's Program registers it, on the Api's database,
/// with a <see cref="ManualClock"/>; not started — the test drives the dispatcher and the batcher itself.
/// </summary>
internal sealed class WebhookWorkerHost : IDisposable
{
    private readonly IHost _host;

    private WebhookWorkerHost(IHost host, ManualClock clock)
    {
        _host = host;
        Clock = clock;
    }

    public ManualClock Clock { get; }

    public WebhookDispatcher Dispatcher => _host.Services.GetRequiredService<WebhookDispatcher>();

    public ScanWebhookBatcher Batcher => _host.Services.GetRequiredService<ScanWebhookBatcher>();

    public static WebhookWorkerHost Build(InfrastructureFixture infrastructure, params (string Key, string Value)[] settings) =>
        Build(infrastructure, realClock: false, settings);

    /// <summary>With <paramref name="realClock"/>, the system clock, for running the hosted services as the Worker does.</summary>
    public static WebhookWorkerHost Build(InfrastructureFixture infrastructure, bool realClock, params (string Key, string Value)[] settings) =>
        Build(infrastructure, realClock, scanQueue: null, settings);

    /// <summary>With <paramref name="scanQueue"/>, scan ingestion too, reading that Redis list, handing stored scans to the batcher.</summary>
    public static WebhookWorkerHost Build(InfrastructureFixture infrastructure, bool realClock, string? scanQueue, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] = "true",
            ["WEBHOOKS_TIMEOUT_SECONDS"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddWebhookDelivery();
        if (scanQueue is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scans:QueueKey"] = scanQueue, ["Scans:HeartbeatSeconds"] = "1" });
            builder.AddRedisConnection();
            builder.AddScanIngestion();
        }
        // A minute ahead of the Api's real clock, so what the Api queued is due at once.
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(1));
        if (!realClock)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        return new WebhookWorkerHost(builder.Build(), clock);
    }

    /// <summary>Runs the dispatcher until a pass claims nothing; returns how many attempts were made.</summary>
    public async Task<int> DeliverAllDueAsync()
    {
        var total = 0;
        for (var pass = 0; pass < 50; pass++)
        {
            var claimed = await Dispatcher.DeliverDueAsync(CancellationToken.None);
            if (claimed == 0)
            {
                return total;
            }

            total += claimed;
        }

        throw new InvalidOperationException("deliveries kept coming due");
    }

    public Task StartAsync() => _host.StartAsync();

    public Task StopAsync() => _host.StopAsync();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose() => _host.Dispose();
}
