using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Data;
using QrAspire.Platform;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using QrAspire.Worker.Hosting;
using QrAspire.Worker.Scans;
using StackExchange.Redis;

namespace QrAspire.Worker.Tests;

/// <summary>
/// The Worker's scan ingestion, hosted in-process on the fixture's database and Redis, reading a queue of its own
/// (so tests never see each other's events). <see cref="StartAsync"/> runs the consumer; without it the host is a
/// Worker that takes batches only when a test tells it to.
/// </summary>
internal sealed class IngestionHost : IAsyncDisposable
{
    private readonly IHost _host;

    private IngestionHost(IHost host, string queue)
    {
        _host = host;
        Queue = queue;
    }

    public string Queue { get; }

    public IServiceProvider Services => _host.Services;

    public ScanIngestor Ingestor => _host.Services.GetRequiredService<ScanIngestor>();

    public IDatabase Redis => _host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public static IngestionHost Create(InfrastructureFixture infrastructure, string queue, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scans:QueueKey"] = queue,
            ["Scans:HeartbeatSeconds"] = "1",
            ["SCAN_BATCH_SIZE"] = "500",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddRedisConnection();
        builder.AddScanIngestion();
        return new IngestionHost(builder.Build(), queue);
    }

    public Task StartAsync() => _host.StartAsync();

    public async Task PushAsync(IEnumerable<ScanEvent> scans)
    {
        foreach (var chunk in scans.Chunk(500))
        {
            await Redis.ListRightPushAsync(Queue, [.. chunk.Select(s => (RedisValue)ScanQueue.Serialize(s))]);
        }
    }

    public async Task<T> QueryAsync<T>(Func<QrAspireDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>());
    }

    public Task<int> ScanCountAsync(string qrId) => QueryAsync(db => db.Scans.CountAsync(s => s.QrCodeId == qrId));

    /// <summary>Waits until <paramref name="qrId"/> has <paramref name="expected"/> scans and the queue is drained.</summary>
    public async Task<int> WaitForScansAsync(string qrId, int expected, TimeSpan timeout) =>
        (await Eventually.ValueAsync(async () => (Count: await ScanCountAsync(qrId), Queued: await Redis.ListLengthAsync(Queue)),
            now => now.Count >= expected && now.Queued == 0, timeout)).Count;

    /// <summary>
    /// Waits until this Worker has nothing left to ingest: its queue is empty and so is its processing list (a batch
    /// leaves it only once committed or dead-lettered), so no scan can still be on its way to the database.
    /// </summary>
    public Task WaitUntilDrainedAsync(TimeSpan timeout) =>
        Eventually.TrueAsync(async () => await Redis.ListLengthAsync(Queue) == 0 && await Redis.ListLengthAsync(Ingestor.ProcessingKey) == 0,
            timeout, $"{Queue} and {Ingestor.ProcessingKey} drained");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }

    public static ScanEvent Event(string qrId, DateTime at, string ip = "203.0.113.9", string? userAgent = null, string? referrer = null, bool isHead = false) =>
        new(Guid.CreateVersion7().ToString(), "c" + qrId[3..], qrId, at, ip,
            userAgent ?? "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
            referrer, null, isHead ? "HEAD" : "GET", isHead, false, null);

    public static string NewQrId() => "qr_" + Guid.NewGuid().ToString("N")[..20];
}
