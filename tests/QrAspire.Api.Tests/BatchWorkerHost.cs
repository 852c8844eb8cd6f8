using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Data;
using QrAspire.Platform;
using QrAspire.TestSupport;
using QrAspire.Worker.Batches;
using QrAspire.Worker.Hosting;

namespace QrAspire.Api.Tests;

/// <summary>
/// A Worker's bulk-job processor in-process, on the same database, Redis and blob folder as the Api under test —
/// as a separate Worker process would be, registered exactly as the Worker's Program registers it.
/// </summary>
internal sealed class BatchWorkerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private bool _started;

    private BatchWorkerHost(IHost host) => _host = host;

    public BatchProcessor Processor => _host.Services.GetRequiredService<BatchProcessor>();

    public static async Task<BatchWorkerHost> StartAsync(InfrastructureFixture infrastructure, params (string Key, string Value)[] settings)
    {
        var worker = Build(infrastructure, settings);
        await worker._host.StartAsync();
        worker._started = true;
        return worker;
    }

    /// <summary>Built but not started: its services (the lease, the archive writer) are driven by the test itself.</summary>
    public static BatchWorkerHost Build(InfrastructureFixture infrastructure, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["REDIRECT_BASE_URL"] = ApiFactory.RedirectBase,
            ["BATCH_POLL_MILLISECONDS"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:QrAspire.Worker.Batches"] = "Information",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddRedisConnection();
        builder.AddBatchProcessing();
        return new BatchWorkerHost(builder.Build());
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public async Task StopAsync()
    {
        if (_started && !_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

/// <summary>Direct reads of the Api's database, for what the HTTP surface does not show (codes per owner, outbox rows).</summary>
internal static class Database
{
    public static async Task<T> QueryAsync<T>(this ApiHost api, Func<QrAspireDbContext, Task<T>> query)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>());
    }
}
