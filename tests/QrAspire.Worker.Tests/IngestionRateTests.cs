using System.Diagnostics;
using QrAspire.TestSupport;
using Xunit.Abstractions;

namespace QrAspire.Worker.Tests;

/// <summary>
/// Measures the ingestion rate of one Worker (docs/performance.md). Runs only with <c>QRASPIRE_INGEST_BENCH=N</c>
/// (events to ingest); otherwise it returns at once.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class IngestionRateTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    [Fact]
    public async Task OneWorkerIngestsTheQueueAtItsMeasuredRate()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("QRASPIRE_INGEST_BENCH"), out var count))
        {
            return;
        }

        var queue = "bench:scans:" + Guid.NewGuid().ToString("N");
        await using var host = IngestionHost.Create(infrastructure, queue, ("SCAN_BATCH_SIZE", Environment.GetEnvironmentVariable("SCAN_BATCH_SIZE") ?? "2000"));
        var qrIds = Enumerable.Range(0, 100).Select(_ => IngestionHost.NewQrId()).ToArray();
        var random = new Random(7);
        var now = DateTime.UtcNow;
        await host.PushAsync(Enumerable.Range(0, count).Select(i =>
            IngestionHost.Event(qrIds[i % qrIds.Length], now.AddSeconds(-random.Next(0, 86_400)), $"198.51.{random.Next(0, 255)}.{random.Next(1, 255)}")));

        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        while (await host.Redis.ListLengthAsync(queue) > 0 || await host.Redis.ListLengthAsync(host.Ingestor.ProcessingKey) > 0)
        {
            await Task.Delay(20);
        }

        clock.Stop();
        var stored = 0;
        foreach (var qrId in qrIds)
        {
            stored += await host.ScanCountAsync(qrId);
        }

        Assert.Equal(count, stored);
        output.WriteLine($"{infrastructure.Mode}: {count} scans in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} scans/s");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "qraspire-ingest-bench.txt"),
            $"{infrastructure.Mode}: {count} scans in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} scans/s{Environment.NewLine}");
    }
}
