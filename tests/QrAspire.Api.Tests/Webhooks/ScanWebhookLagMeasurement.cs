using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using QrAspire.Data.Model;
using Xunit.Abstractions;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>
/// How long a stored scan waits before its <c>scan.recorded</c> delivery reaches a receiver on loopback, with the
/// batcher and dispatcher running as the Worker runs them, fed at a bounded rate. A measurement, not a check: it runs
/// only when QRASPIRE_MEASURE_WEBHOOK_LAG is set, and prints what it saw (docs/performance.md has the numbers).
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Load")]
public sealed class ScanWebhookLagMeasurement(ApiHost api, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ScanRecordedDeliveryLagUnderABoundedLoad()
    {
        Skip.If(Environment.GetEnvironmentVariable("QRASPIRE_MEASURE_WEBHOOK_LAG") is null, "a measurement: set QRASPIRE_MEASURE_WEBHOOK_LAG=1 to run it");
        var rate = int.Parse(Environment.GetEnvironmentVariable("QRASPIRE_MEASURE_WEBHOOK_LAG_RATE") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        const int Seconds = 20;
        await using var factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] = "true" });
        await using var receiver = await WebhookReceiver.StartAsync();
        using var worker = WebhookWorkerHost.Build(api.Infrastructure, realClock: true, ("WEBHOOKS_POLL_MILLISECONDS", "200"));
        var user = await ApiClient.SignUpAsync(factory);
        using (var created = await user.SendAsync(HttpMethod.Post, "/api/v1/webhooks", new { url = receiver.HookUrl, events = new[] { "scan.recorded" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var codes = new List<JsonObject>();
        for (var i = 0; i < 10; i++)
        {
            codes.Add(await user.CreateDynamicAsync());
        }

        await worker.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(6)); // the subscription set is re-read every 5 s
        var sentAt = new Dictionary<string, DateTime>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        // Batches of 50 every 50 ms at 1,000/s: the Worker's ingestion hands over what it stored in one transaction.
        while (clock.Elapsed < TimeSpan.FromSeconds(Seconds))
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate) - sent;
            if (due > 0)
            {
                var scans = Enumerable.Range(0, due).Select(i => NewScan(codes[(sent + i) % codes.Count])).ToList();
                foreach (var scan in scans)
                {
                    sentAt[scan.Id] = scan.OccurredAt;
                }

                worker.Batcher.Offer(scans);
                sent += due;
            }

            await Task.Delay(50);
        }

        var deadline = Stopwatch.StartNew();
        var lags = new List<double>();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            lags = receiver.Received.Where(r => r.EventType == "scan.recorded")
                .SelectMany(r => JsonNode.Parse(r.Body)!["data"]!["scans"]!.AsArray().Select(s => (Id: s!["id"]!.GetValue<string>(), r.ReceivedAt)))
                .Where(s => sentAt.ContainsKey(s.Id))
                .Select(s => (s.ReceivedAt - sentAt[s.Id]).TotalMilliseconds).ToList();
            if (lags.Count >= sent)
            {
                break;
            }

            await Task.Delay(500);
        }

        await worker.StopAsync();
        lags.Sort();
        var deliveries = receiver.Received.Count(r => r.EventType == "scan.recorded");
        output.WriteLine($"rate {rate}/s for {Seconds} s: {sent} scans, {lags.Count} delivered in {deliveries} requests; lag p50 {P(lags, 0.5):F0} ms, p95 {P(lags, 0.95):F0} ms, p99 {P(lags, 0.99):F0} ms, max {lags.LastOrDefault():F0} ms");
        Assert.Equal(sent, lags.Count);
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static Scan NewScan(JsonObject code) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        QrCodeId = code["id"]!.GetValue<string>(),
        ShortCode = code["shortCode"]!.GetValue<string>(),
        OccurredAt = DateTime.UtcNow,
        Country = "DE",
        Region = "unknown",
        City = "unknown",
        DeviceType = "mobile",
        Os = "iOS",
        Browser = "Safari 17",
        ReferrerHost = "",
        IpAnonymised = "",
        VisitorHash = "v",
    };
}
