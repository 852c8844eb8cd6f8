using System.Diagnostics;
using QrAspire.TestSupport;
using Xunit.Abstractions;

namespace QrAspire.Worker.Tests;

/// <summary>
/// The ingestion targets (docs/performance.md): the rate of one Worker, measured only with
/// <c>QRASPIRE_INGEST_BENCH=N</c> (events to ingest; Skipped otherwise), and the 2 s visibility at 1,000 scans/s,
/// checked whenever the benchmark tier runs (<c>--filter Tier=Benchmark</c>): both depend on the machine's speed.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Benchmark")] // a measurement, not a check: scripts/test.sh leaves it out
public sealed class IngestionRateTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task OneWorkerIngestsTheQueueAtItsMeasuredRate()
    {
        Skip.IfNot(int.TryParse(Environment.GetEnvironmentVariable("QRASPIRE_INGEST_BENCH"), out var count),
            "a measurement: set QRASPIRE_INGEST_BENCH=N (events to ingest) to run it");

        var queue = "bench:scans:" + Guid.NewGuid().ToString("N");
        await using var host = IngestionHost.Create(infrastructure, queue, ("SCAN_BATCH_SIZE", Environment.GetEnvironmentVariable("SCAN_BATCH_SIZE") ?? "2000"));
        var qrIds = Enumerable.Range(0, 100).Select(_ => IngestionHost.NewQrId()).ToArray();
        var random = new Random(7);
        var now = DateTime.UtcNow;
        // QRASPIRE_INGEST_SPREAD=seconds the events' times spread over (default a day: a backlog; 60: live traffic).
        var spread = int.TryParse(Environment.GetEnvironmentVariable("QRASPIRE_INGEST_SPREAD"), out var seconds) ? seconds : 86_400;
        // QRASPIRE_INGEST_ROUTED=1: every event answered by an A/B variant (half of them a rule's), as a code whose
        // routing splits all its traffic would send them.
        var routed = Environment.GetEnvironmentVariable("QRASPIRE_INGEST_ROUTED") == "1";
        await host.PushAsync(Enumerable.Range(0, count).Select(i =>
        {
            var scan = IngestionHost.Event(qrIds[i % qrIds.Length], now.AddSeconds(-random.Next(0, spread)), $"198.51.{random.Next(0, 255)}.{random.Next(1, 255)}");
            return routed ? scan with { Rule = i % 2 == 0 ? null : 0, Variant = random.Next(2) } : scan;
        }));

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
        output.WriteLine($"{infrastructure.Mode}: spread {spread} s{(routed ? ", routed" : "")}: {count} scans in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} scans/s");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "qraspire-ingest-bench.txt"),
            $"{infrastructure.Mode}: spread {spread} s{(routed ? ", routed" : "")}: {count} scans in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} scans/s{Environment.NewLine}");
    }

    [Fact]
    public async Task AtAThousandScansASecondEachScanIsStoredWithinTwoSeconds()
    {
        var queue = "visibility:scans:" + Guid.NewGuid().ToString("N");
        await using var host = IngestionHost.Create(infrastructure, queue);
        var qrId = IngestionHost.NewQrId();
        await host.StartAsync();
        var pushed = new List<(TimeSpan At, int Total)>();
        var clock = Stopwatch.StartNew();

        // 1,000 scans/s for 3 s, in ticks of 100 every 100 ms, as the Redirector's batched RPUSH would.
        var polling = Task.Run(async () =>
        {
            var seen = new List<(TimeSpan At, int Count)>();
            while (clock.Elapsed < TimeSpan.FromSeconds(8))
            {
                var count = await host.ScanCountAsync(qrId);
                seen.Add((clock.Elapsed, count));
                if (count >= 3_000)
                {
                    break;
                }

                await Task.Delay(25);
            }

            return seen;
        });
        for (var tick = 0; tick < 30; tick++)
        {
            var due = TimeSpan.FromMilliseconds(100 * tick);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await host.PushAsync(Enumerable.Range(0, 100).Select(_ => IngestionHost.Event(qrId, DateTime.UtcNow)));
            pushed.Add((clock.Elapsed, (tick + 1) * 100));
        }

        var seen = await polling;
        var lags = pushed.Select(p => (seen.FirstOrDefault(s => s.Count >= p.Total).At - p.At).TotalSeconds).ToList();
        Assert.Equal(3_000, seen[^1].Count);
        output.WriteLine($"{infrastructure.Mode}: visibility lag at 1,000 scans/s: max {lags.Max():F3} s, mean {lags.Average():F3} s");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "qraspire-ingest-bench.txt"),
            $"{infrastructure.Mode}: visibility lag at 1,000 scans/s: max {lags.Max():F3} s, mean {lags.Average():F3} s{Environment.NewLine}");
        Assert.True(lags.Max() <= 2.0, $"a scan took {lags.Max():F3} s to be stored");
    }
}
