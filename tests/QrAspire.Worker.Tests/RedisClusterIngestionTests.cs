using Microsoft.EntityFrameworkCore;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Worker.Tests;

/// <summary>
/// Scan ingestion on a real three-master Redis Cluster: a processing list lives in its queue's hash slot, so the
/// reliable queue's <c>LMOVE</c>s (queue → processing list, and back when a Worker died) work there. Without the
/// shared slot the cluster refuses every move and nothing is ingested.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Mode", "local")]
public sealed class RedisClusterIngestionTests(InfrastructureFixture infrastructure, RedisCluster cluster) : IClassFixture<RedisCluster>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private IngestionHost OnCluster(string queue)
    {
        Skip.If(cluster.Unavailable is not null, cluster.Unavailable);
        return IngestionHost.Create(infrastructure, queue, ("ConnectionStrings:redis", cluster.ConnectionString));
    }

    [SkippableFact]
    public async Task TheDefaultQueueAndItsProcessingListsShareOneSlot()
    {
        Skip.If(cluster.Unavailable is not null, cluster.Unavailable);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        await using var host = OnCluster(ScanQueue.Key);

        Assert.Equal(redis.GetHashSlot(ScanQueue.Key), redis.GetHashSlot(host.Ingestor.ProcessingKey));
    }

    [SkippableFact]
    public async Task TwoWorkersIngestEveryEventOnceAndADeadWorkersBatchIsRecovered()
    {
        var queue = "test:scans:" + Guid.NewGuid().ToString("N");
        var qrId = IngestionHost.NewQrId();
        var start = new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, 1_500).Select(i => IngestionHost.Event(qrId, start.AddSeconds(i), $"198.51.100.{i % 200 + 1}")).ToList();
        await using var dying = OnCluster(queue);
        await dying.PushAsync(events);
        await dying.Ingestor.JoinAsync();
        var taken = await dying.Ingestor.TakeBatchAsync(); // ... and the process dies here, its batch uncommitted
        Assert.Equal(500, taken.Count);

        await using var first = OnCluster(queue);
        await using var second = OnCluster(queue);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        Assert.Equal(events.Count, await first.WaitForScansAsync(qrId, events.Count, Timeout));
        await first.WaitUntilDrainedAsync(Timeout);
        Assert.Equal(0, await first.Redis.ListLengthAsync(dying.Ingestor.ProcessingKey));
        Assert.Equal(events.Count, await first.QueryAsync(db => db.ScanHours.Where(h => h.QrCodeId == qrId).SumAsync(h => h.Scans)));
    }
}
