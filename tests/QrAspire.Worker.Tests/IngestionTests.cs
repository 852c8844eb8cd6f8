using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using QrAspire.Worker.Scans;
using StackExchange.Redis;

namespace QrAspire.Worker.Tests;

/// <summary>Scan ingestion end to end on the mode's real database and Redis: exactly once in effect, whatever happens.</summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class IngestionTests(InfrastructureFixture infrastructure)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string NewQueue() => "test:scans:" + Guid.NewGuid().ToString("N");

    private static List<ScanEvent> RandomEvents(string qrId, int count, int seed)
    {
        var random = new Random(seed);
        string[] agents =
        [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "WhatsApp/2.23.20.0 A",
        ];
        string?[] referrers = [null, "https://poster.example/", "https://www.instagram.com/p/1"];
        var start = new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, count).Select(_ => IngestionHost.Event(
            qrId,
            start.AddMinutes(random.Next(0, 60 * 30)),
            $"198.51.{random.Next(0, 3)}.{random.Next(1, 255)}",
            agents[random.Next(agents.Length)],
            referrers[random.Next(referrers.Length)],
            random.Next(10) == 0))];
    }

    private static async Task AssertStoredExactlyAsync(IngestionHost host, string qrId, IReadOnlyList<ScanEvent> events)
    {
        Assert.Equal(events.Count, await host.ScanCountAsync(qrId));
        var scans = await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).ToListAsync());
        var hours = await host.QueryAsync(db => db.ScanHours.Where(h => h.QrCodeId == qrId).ToListAsync());
        var dimensionHours = await host.QueryAsync(db => db.ScanDimensionHours.Where(d => d.QrCodeId == qrId).ToListAsync());
        var dimensionDays = await host.QueryAsync(db => db.ScanDimensionDays.Where(d => d.QrCodeId == qrId).ToListAsync());
        var visitors = await host.QueryAsync(db => db.ScanVisitors.Where(v => v.QrCodeId == qrId).ToListAsync());
        Assert.Equal(events.Count, hours.Sum(h => h.Scans));

        // Unique scanners: each (visitor, UTC day) once, in the hour of its earliest scan, on its visitor row's bot flag.
        var firstVisits = scans.GroupBy(s => (ScanStore.Day(s.OccurredAt), s.VisitorHash)).Select(g => g.MinBy(s => s.OccurredAt)!).ToList();
        Assert.Equal(firstVisits.Count, visitors.Count);
        Assert.Equal(
            firstVisits.ToDictionary(s => (ScanStore.Day(s.OccurredAt), s.VisitorHash), s => ScanStore.Hour(s.OccurredAt)).OrderBy(e => e.Key.ToString()),
            visitors.ToDictionary(v => (v.Day, v.VisitorHash), v => v.FirstHour).OrderBy(e => e.Key.ToString()));
        var expectedHours = scans.Select(s => (Key: (ScanStore.Hour(s.OccurredAt), s.IsBot, s.IsHead), Scans: 1L, Visitors: 0L))
            .Concat(visitors.Select(v => (Key: (v.FirstHour, v.IsBot, false), Scans: 0L, Visitors: 1L)))
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => (g.Sum(e => e.Scans), g.Sum(e => e.Visitors)));
        Assert.Equal(
            expectedHours.OrderBy(e => e.Key.ToString()),
            hours.Where(h => h.Scans != 0 || h.UniqueScanners != 0).ToDictionary(h => (h.Hour, h.IsBot, h.IsHead), h => (h.Scans, h.UniqueScanners)).OrderBy(e => e.Key.ToString()));

        var perDimension = scans.SelectMany(s => ScanStore.Dimensions(s).Select(d => (s, d.Dimension, d.Value))).ToList();
        Assert.Equal(
            perDimension.GroupBy(e => (ScanStore.Hour(e.s.OccurredAt), e.Dimension, e.Value, e.s.IsBot, e.s.IsHead)).ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(e => e.Key.ToString()),
            dimensionHours.ToDictionary(d => (d.Hour, d.Dimension, d.Value, d.IsBot, d.IsHead), d => d.Scans).OrderBy(e => e.Key.ToString()));
        Assert.Equal(
            perDimension.GroupBy(e => (ScanStore.Day(e.s.OccurredAt), e.Dimension, e.Value, e.s.IsBot, e.s.IsHead)).ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(e => e.Key.ToString()),
            dimensionDays.ToDictionary(d => (d.Day, d.Dimension, d.Value, d.IsBot, d.IsHead), d => d.Scans).OrderBy(e => e.Key.ToString()));
    }

    [Fact]
    public async Task NEventsBecomeExactlyNScansWithMatchingRollups()
    {
        await using var host = IngestionHost.Create(infrastructure, NewQueue());
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 2_000, 1);

        await host.StartAsync();
        await host.PushAsync(events);

        Assert.Equal(events.Count, await host.WaitForScansAsync(qrId, events.Count, Timeout));
        await AssertStoredExactlyAsync(host, qrId, events);
    }

    [Fact]
    public async Task TheSameEventsDeliveredTwiceAreStoredOnce()
    {
        await using var host = IngestionHost.Create(infrastructure, NewQueue());
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 700, 2);

        await host.StartAsync();
        await host.PushAsync(events);
        await host.WaitForScansAsync(qrId, events.Count, Timeout);
        await host.PushAsync(events);
        await host.PushAsync(events.Take(100)); // and some a third time, mixed in one batch with nothing new
        await host.WaitUntilDrainedAsync(Timeout);

        await AssertStoredExactlyAsync(host, qrId, events);
    }

    [Fact]
    public async Task SeveralWorkersShareTheQueueAndStoreEachScanOnce()
    {
        var queue = NewQueue();
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 3_000, 6);
        await using var first = IngestionHost.Create(infrastructure, queue);
        await using var second = IngestionHost.Create(infrastructure, queue);
        await using var third = IngestionHost.Create(infrastructure, queue);
        await first.PushAsync(events);

        await Task.WhenAll(first.StartAsync(), second.StartAsync(), third.StartAsync());

        Assert.Equal(events.Count, await first.WaitForScansAsync(qrId, events.Count, Timeout));
        await AssertStoredExactlyAsync(first, qrId, events);
    }

    [Fact]
    public async Task AWorkerKilledBeforeItsCommitLeavesItsBatchToAnother()
    {
        var queue = NewQueue();
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 1_200, 3);
        await using var dying = IngestionHost.Create(infrastructure, queue);
        await dying.PushAsync(events);
        await dying.Ingestor.JoinAsync();
        var taken = await dying.Ingestor.TakeBatchAsync(); // ... and the process dies here

        Assert.Equal(500, taken.Count);
        Assert.Equal(500, await dying.Redis.ListLengthAsync(dying.Ingestor.ProcessingKey));
        await using var survivor = IngestionHost.Create(infrastructure, queue);
        await survivor.StartAsync();

        Assert.Equal(events.Count, await survivor.WaitForScansAsync(qrId, events.Count, Timeout));
        await AssertStoredExactlyAsync(survivor, qrId, events);
        Assert.Equal(0, await survivor.Redis.ListLengthAsync(dying.Ingestor.ProcessingKey));
    }

    [Fact]
    public async Task AWorkerKilledAfterItsCommitIsNotCountedTwice()
    {
        var queue = NewQueue();
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 900, 4);
        await using var dying = IngestionHost.Create(infrastructure, queue);
        await dying.PushAsync(events);
        await dying.Ingestor.JoinAsync();
        var taken = await dying.Ingestor.TakeBatchAsync();
        var enricher = dying.Services.GetRequiredService<ScanEnricher>();
        var store = dying.Services.GetRequiredService<ScanStore>();
        var scans = new List<Data.Model.Scan>();
        foreach (var value in taken)
        {
            scans.Add(await enricher.EnrichAsync(ScanQueue.Deserialize((byte[])value!)));
        }

        Assert.Equal(500, await store.WriteAsync(scans, [], CancellationToken.None)); // committed; dies before releasing the batch

        await using var survivor = IngestionHost.Create(infrastructure, queue);
        await survivor.StartAsync();

        Assert.Equal(events.Count, await survivor.WaitForScansAsync(qrId, events.Count, Timeout));
        await survivor.WaitUntilDrainedAsync(Timeout);
        await AssertStoredExactlyAsync(survivor, qrId, events);
    }

    [Fact]
    public async Task MalformedEventsAreDeadLetteredAndTheRestProceed()
    {
        await using var host = IngestionHost.Create(infrastructure, NewQueue());
        var qrId = IngestionHost.NewQrId();
        var events = RandomEvents(qrId, 300, 5);
        var marker = Guid.NewGuid().ToString("N");
        RedisValue[] poison =
        [
            $"{{\"not\":\"a scan {marker}\"",
            $"{{\"id\":\"{marker}\",\"code\":\"x\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"method\":\"GET\"}}", // no qr_id
            new byte[] { 0xff, 0xfe, 0x00 },
        ];

        await host.StartAsync();
        await host.PushAsync(events.Take(150));
        await host.Redis.ListRightPushAsync(host.Queue, poison);
        await host.PushAsync(events.Skip(150));

        Assert.Equal(events.Count, await host.WaitForScansAsync(qrId, events.Count, Timeout));
        await AssertStoredExactlyAsync(host, qrId, events);
        var letters = await host.QueryAsync(db => db.ScanDeadLetters.Where(l => l.Payload.Contains(marker)).ToListAsync());
        Assert.Equal(2, letters.Count);
        Assert.Contains(letters, l => l.Reason.StartsWith("not a scan event", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Reason.Contains("qr_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoredScansKeepNoRawAddress()
    {
        await using var host = IngestionHost.Create(infrastructure, NewQueue());
        var qrId = IngestionHost.NewQrId();
        var scan = IngestionHost.Event(qrId, DateTime.UtcNow, "198.51.100.77", referrer: "https://Poster.Example/x");

        await host.StartAsync();
        await host.PushAsync([scan]);
        await host.WaitForScansAsync(qrId, 1, Timeout);

        var stored = await host.QueryAsync(db => db.Scans.SingleAsync(s => s.Id == scan.Id));
        Assert.Equal("198.51.100.0", stored.IpAnonymised);
        Assert.Equal("poster.example", stored.ReferrerHost);
        Assert.Equal(("mobile", "iOS", "Safari 17"), (stored.DeviceType, stored.Os, stored.Browser));
        Assert.Equal("unknown", stored.Country); // no GeoIP database configured
        Assert.DoesNotContain("198.51.100.77", System.Text.Json.JsonSerializer.Serialize(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionDeletesOnlyScansOlderThanTheSetting()
    {
        await using var host = IngestionHost.Create(infrastructure, NewQueue(), ("SCAN_RETENTION_DAYS", "30"));
        var qrId = IngestionHost.NewQrId();
        var now = DateTime.UtcNow;
        ScanEvent[] events = [IngestionHost.Event(qrId, now.AddDays(-31)), IngestionHost.Event(qrId, now.AddDays(-29)), IngestionHost.Event(qrId, now)];
        await host.StartAsync();
        await host.PushAsync(events);
        await host.WaitForScansAsync(qrId, 3, Timeout);
        var job = host.Services.GetServices<IHostedService>().OfType<ScanRetentionJob>().Single();

        await job.DeleteExpiredAsync(CancellationToken.None);

        var left = await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).Select(s => s.Id).ToListAsync());
        Assert.Equal(new[] { events[1].Id, events[2].Id }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.Equal(3, await host.QueryAsync(db => db.ScanHours.Where(h => h.QrCodeId == qrId).SumAsync(h => h.Scans)));
    }
}
