using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Model;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Tests;

/// <summary>
/// Which routing rule and A/B variant answered a scan reaches storage: on the raw scan and in the route rows that
/// per-variant analytics read, counted exactly once whatever the arrival order.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RouteIngestionTests(InfrastructureFixture infrastructure)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // A mix of what the Redirector sends: nothing (default, or a scan from before routing), a rule, a rule's variant,
    // a default-destination variant, the expiry fallback and the limit fallback. Few addresses, so visitors repeat
    // within and across days.
    private static List<ScanEvent> RoutedEvents(string qrId, int count, int seed)
    {
        var random = new Random(seed);
        (int? Rule, int? Variant, bool? Expired, bool? Limit)[] routes =
            [(null, null, null, null), (0, null, null, null), (1, 0, null, null), (1, 1, null, null), (null, 0, null, null), (null, 1, null, null), (null, null, true, null), (null, null, null, true)];
        var start = new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var (rule, variant, expired, limit) = routes[random.Next(routes.Length)];
            var scan = IngestionHost.Event(qrId, start.AddMinutes(random.Next(0, 60 * 30)), $"198.51.100.{random.Next(1, 40)}", isHead: random.Next(20) == 0);
            return scan with { Rule = rule, Variant = variant, ExpiredFallback = expired, LimitFallback = limit };
        })];
    }

    [Fact]
    public async Task RuleVariantAndFallbackAreStoredWithEachScanAndCountedPerRoute()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var qrId = IngestionHost.NewQrId();
        var events = RoutedEvents(qrId, 1_500, 18);
        var late = events.OrderByDescending(e => e.OccurredAt).ToList(); // late scans move first visits earlier

        await host.StartAsync();
        await host.PushAsync(late.Take(700));
        await host.WaitForScansAsync(qrId, 700, Timeout);
        await host.PushAsync(late.Skip(700));
        await host.PushAsync(late.Take(200)); // a redelivery changes nothing
        await host.WaitForScansAsync(qrId, events.Count, Timeout);
        await host.WaitUntilDrainedAsync(Timeout);

        var scans = await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).ToListAsync());
        Assert.Equal(
            events.Select(e => (e.Id, Rule: (short?)e.Rule, Variant: (short?)e.Variant, Expired: e.ExpiredFallback == true, Limit: e.LimitFallback == true)).OrderBy(e => e.Id),
            scans.Select(s => (s.Id, s.Rule, s.Variant, Expired: s.ExpiredFallback, Limit: s.LimitFallback)).OrderBy(e => e.Id));

        var routeHours = await host.QueryAsync(db => db.ScanRouteHours.Where(h => h.QrCodeId == qrId).ToListAsync());
        var routed = scans.Select(s => (Scan: s, Route: ScanStore.Route(s))).Where(e => e.Route is not null).Select(e => (e.Scan, Route: e.Route!.Value)).ToList();
        Assert.Contains(routed, e => e.Route == (ScanRouteHour.ExpiredFallbackRule, ScanRouteHour.NoVariant));
        Assert.Equal(events.Count(e => e.LimitFallback == true), routeHours.Where(h => h.Rule == ScanRouteHour.LimitFallbackRule).Sum(h => h.Scans));
        Assert.Contains(routed, e => e.Route == (ScanRouteHour.DefaultRule, 1));
        Assert.DoesNotContain(routeHours, h => h.Rule == ScanRouteHour.DefaultRule && h.Variant == ScanRouteHour.NoVariant);

        // Unique scanners of a variant: each (visitor, UTC day, rule, variant) once, in the hour of its earliest scan.
        var firstVisits = routed.Where(e => e.Route.Variant >= 0)
            .GroupBy(e => (ScanStore.Day(e.Scan.OccurredAt), e.Route, e.Scan.VisitorHash)).Select(g => g.MinBy(e => e.Scan.OccurredAt)).ToList();
        Assert.True(firstVisits.Count < routed.Count(e => e.Route.Variant >= 0), "visitors repeat, so the test can tell scans from visitors");
        var expected = routed.Select(e => (Key: (ScanStore.Hour(e.Scan.OccurredAt), e.Route.Rule, e.Route.Variant, e.Scan.IsBot, e.Scan.IsHead), Scans: 1L, Visitors: 0L))
            .Concat(firstVisits.Select(e => (Key: (ScanStore.Hour(e.Scan.OccurredAt), e.Route.Rule, e.Route.Variant, e.Scan.IsBot, false), Scans: 0L, Visitors: 1L)))
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => (g.Sum(e => e.Scans), g.Sum(e => e.Visitors)));
        Assert.Equal(
            expected.OrderBy(e => e.Key.ToString()),
            routeHours.Where(h => h.Scans != 0 || h.UniqueScanners != 0)
                .ToDictionary(h => (h.Hour, h.Rule, h.Variant, h.IsBot, h.IsHead), h => (h.Scans, h.UniqueScanners)).OrderBy(e => e.Key.ToString()));
    }

    [Fact]
    public async Task AnEventWithoutTheLimitFallbackFieldIsStoredAndALimitFallbackDropsItsRule()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var qrId = IngestionHost.NewQrId();
        var at = new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc);
        var older = IngestionHost.Event(qrId, at) with { Rule = 1 };
        var limited = IngestionHost.Event(qrId, at) with { LimitFallback = true };
        var olderJson = System.Text.Encoding.UTF8.GetString(ScanQueue.Serialize(older));
        var limitedJson = System.Text.Encoding.UTF8.GetString(ScanQueue.Serialize(limited));
        Assert.DoesNotContain("limit_fallback", olderJson, StringComparison.Ordinal); // what a Redirector of before sent
        Assert.Contains("\"limit_fallback\":true", limitedJson, StringComparison.Ordinal);
        // A rule beside the flag is not believed: the limit fallback answered, whatever the rules would have said.
        limitedJson = limitedJson.Replace("\"limit_fallback\":true", "\"limit_fallback\":true,\"rule\":3", StringComparison.Ordinal);

        await host.StartAsync();
        await host.Redis.ListRightPushAsync(host.Queue, [olderJson, limitedJson]);
        await host.WaitForScansAsync(qrId, 2, Timeout);
        await host.WaitUntilDrainedAsync(Timeout);

        var scans = (await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).ToListAsync())).ToDictionary(s => s.Id);
        Assert.Equal(((short?)1, false), (scans[older.Id].Rule, scans[older.Id].LimitFallback));
        Assert.Equal(((short?)null, true), (scans[limited.Id].Rule, scans[limited.Id].LimitFallback));
        var routes = await host.QueryAsync(db => db.ScanRouteHours.Where(h => h.QrCodeId == qrId).ToListAsync());
        Assert.Equal(
            [(1, ScanRouteHour.NoVariant, 1L), (ScanRouteHour.LimitFallbackRule, ScanRouteHour.NoVariant, 1L)],
            routes.Select(h => ((int)h.Rule, h.Variant, h.Scans)).OrderByDescending(h => h.Item1));
    }

    [Fact]
    public async Task AnEventWithBothFallbacksIsDeadLettered()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var qrId = IngestionHost.NewQrId();
        var good = IngestionHost.Event(qrId, new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc)) with { LimitFallback = true };
        var bad = IngestionHost.Event(qrId, new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc)) with { ExpiredFallback = true, LimitFallback = true };

        await host.StartAsync();
        await host.PushAsync([bad, good]);
        await host.WaitForScansAsync(qrId, 1, Timeout);
        await host.WaitUntilDrainedAsync(Timeout);

        var stored = Assert.Single(await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).ToListAsync()));
        Assert.Equal((good.Id, true, false), (stored.Id, stored.LimitFallback, stored.ExpiredFallback));
        Assert.True(await host.QueryAsync(db => db.ScanDeadLetters.AnyAsync(d => d.Payload.Contains(bad.Id) && d.Reason.Contains("limit_fallback"))));
    }

    [Fact]
    public async Task AnOutOfRangeRuleIsDeadLettered()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var qrId = IngestionHost.NewQrId();
        var good = IngestionHost.Event(qrId, new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc)) with { Rule = 2, Variant = 1 };
        var bad = IngestionHost.Event(qrId, new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc)) with { Rule = 40_000 };

        await host.StartAsync();
        await host.PushAsync([bad, good]);
        await host.WaitForScansAsync(qrId, 1, Timeout);
        await host.WaitUntilDrainedAsync(Timeout);

        var stored = Assert.Single(await host.QueryAsync(db => db.Scans.Where(s => s.QrCodeId == qrId).ToListAsync()));
        Assert.Equal((good.Id, (short?)2, (short?)1), (stored.Id, stored.Rule, stored.Variant));
        Assert.True(await host.QueryAsync(db => db.ScanDeadLetters.AnyAsync(d => d.Payload.Contains(bad.Id) && d.Reason.StartsWith("rule"))));
    }
}
