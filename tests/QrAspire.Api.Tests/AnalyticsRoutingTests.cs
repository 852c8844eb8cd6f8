using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data.Model;
using QrAspire.Platform.Connections;
using QrAspire.Worker.Scans;

namespace QrAspire.Api.Tests;

/// <summary>
/// A code's report says which rule and which A/B variant answered: scans per rule, scans and unique scanners per
/// variant, as recorded with each scan (written by the Worker's own <see cref="ScanStore"/>) and compared with a
/// brute-force count over those scans.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AnalyticsRoutingTests(ApiHost api)
{
    private static readonly DateTime Day1 = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    // Default split a/b, rule 0 (iOS) a plain destination, rule 1 (France) a split c/d, an expiry fallback and a scan
    // limit with a fallback.
    private static JsonObject Routing() => new()
    {
        ["variants"] = new JsonArray(Variant("https://example.com/a", 50), Variant("https://example.com/b", 50)),
        ["rules"] = new JsonArray(
            new JsonObject { ["conditions"] = new JsonObject { ["device"] = new JsonArray("ios") }, ["destination"] = "https://apps.apple.com/app/id1" },
            new JsonObject { ["conditions"] = new JsonObject { ["country"] = new JsonArray("FR") }, ["variants"] = new JsonArray(Variant("https://example.fr/c", 30), Variant("https://example.fr/d", 70)) }),
        ["expiredDestination"] = "https://example.com/over",
        ["scanLimit"] = new JsonObject { ["scans"] = 1_000, ["fallbackDestination"] = "https://example.com/sold-out" },
    };

    private static JsonObject Variant(string destination, int weight) => new() { ["destination"] = destination, ["weight"] = weight };

    // Visitors scan on two UTC days, some several times a day; scans from before routing carry no rule or variant;
    // rule 1 still has scans of a variant 2 it no longer has; bots and HEAD checks are left out by default.
    private static List<Scan> KnownScans(string qrId)
    {
        (short? Rule, short? Variant, bool Expired, bool Limit)[] routes =
            [(null, null, false, false), (null, 0, false, false), (null, 1, false, false), (0, null, false, false), (1, 0, false, false), (1, 1, false, false),
             (1, 2, false, false), (null, null, true, false), (null, null, false, true)];
        var random = new Random(18);
        return [.. Enumerable.Range(0, 600).Select(i =>
        {
            var visitor = random.Next(25);
            var (rule, variant, expired, limit) = routes[(visitor + (i % 3 == 0 ? 1 : 0)) % routes.Length]; // mostly sticky, like the Redirector
            return new Scan
            {
                Id = Guid.CreateVersion7().ToString(),
                QrCodeId = qrId,
                ShortCode = "s" + qrId[3..],
                OccurredAt = Day1.AddMinutes(random.Next(0, 2 * 24 * 60)),
                Country = "FR",
                Region = "unknown",
                City = "unknown",
                DeviceType = "mobile",
                Os = "iOS",
                Browser = "Safari 17",
                ReferrerHost = "",
                IpAnonymised = "198.51.100.0",
                VisitorHash = $"{visitor:D32}",
                IsBot = visitor == 7,
                IsHead = i % 37 == 0,
                Rule = rule,
                Variant = variant,
                ExpiredFallback = expired,
                LimitFallback = limit,
            };
        })];
    }

    private async Task StoreAsync(IReadOnlyList<Scan> scans)
    {
        var store = new ScanStore(api.Factory.Services.GetRequiredService<DatabaseConnections>());
        var shuffled = scans.OrderBy(s => s.Id.GetHashCode(StringComparison.Ordinal)).ToList(); // late scans move first visits
        foreach (var batch in shuffled.Chunk(200))
        {
            await store.WriteAsync(batch, [], CancellationToken.None);
        }
    }

    private static async Task<string> GetAsync(ApiClient user, string path)
    {
        using var response = await user.SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static string RuleKey(Scan s) => s.ExpiredFallback ? "expiredFallback" : s.LimitFallback ? "limitFallback" : s.Rule is { } rule ? rule.ToString(CultureInfo.InvariantCulture) : "default";

    [Theory]
    [InlineData("2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z")] // both days
    [InlineData("2026-03-10T05:00:00Z", "2026-03-11T17:00:00Z")] // ragged ends inside each day
    public async Task RulesAndVariantsEqualABruteForceCount(string from, string to)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync(extra: new JsonObject { ["routing"] = Routing() }))["id"]!.GetValue<string>();
        var scans = KnownScans(qrId);
        await StoreAsync(scans);
        var (start, end) = (DateTimeOffset.Parse(from, CultureInfo.InvariantCulture).UtcDateTime, DateTimeOffset.Parse(to, CultureInfo.InvariantCulture).UtcDateTime);
        var counted = scans.Where(s => !s.IsBot && !s.IsHead && s.OccurredAt >= start && s.OccurredAt < end).ToList();

        var report = JsonNode.Parse(await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?from={from}&to={to}&interval=hour"))!;

        var rules = report["rules"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["scans"]!.GetValue<long>());
        Assert.Equal(["default", "0", "1", "expiredFallback", "limitFallback"], rules.Keys);
        Assert.True(rules["limitFallback"] > 0, "scans past the limit are counted apart from the default destination");
        Assert.Equal(counted.GroupBy(RuleKey).ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(e => e.Key), rules.OrderBy(e => e.Key));
        Assert.Equal(report["totals"]!["scans"]!.GetValue<long>(), rules.Values.Sum());

        // Unique scanners of a variant: each (visitor, UTC day) once, when their first scan of it that day is in the range.
        static string VariantKey(Scan s) => $"{(s.Rule is { } r ? r.ToString(CultureInfo.InvariantCulture) : "default")}:{s.Variant}";
        var firstVisits = scans.Where(s => s.Variant is not null).GroupBy(s => (s.OccurredAt.Date, VariantKey(s), s.VisitorHash))
            .Select(g => g.MinBy(s => s.OccurredAt)!).Where(s => !s.IsBot && s.OccurredAt >= start && s.OccurredAt < end).ToList();
        var expected = counted.Where(s => s.Variant is not null).GroupBy(VariantKey)
            .ToDictionary(g => g.Key, g => (Scans: (long)g.Count(), Unique: (long)firstVisits.Count(s => VariantKey(s) == g.Key)));
        var splits = report["variants"]!.AsArray();
        Assert.Equal(["default", "1"], splits.Select(s => s!["rule"]!.GetValue<string>()));
        var variants = splits.SelectMany(s => s!["variants"]!.AsArray().Select(v => (
            Key: $"{s["rule"]}:{v!["index"]}", Destination: v["destination"]?.GetValue<string>(), Scans: v["scans"]!.GetValue<long>(), Unique: v["uniqueScanners"]!.GetValue<long>()))).ToList();
        Assert.Equal(["default:0", "default:1", "1:0", "1:1", "1:2"], variants.Select(v => v.Key));
        Assert.Equal(["https://example.com/a", "https://example.com/b", "https://example.fr/c", "https://example.fr/d", null], variants.Select(v => v.Destination));
        Assert.Equal(expected.OrderBy(e => e.Key), variants.ToDictionary(v => v.Key, v => (v.Scans, v.Unique)).OrderBy(e => e.Key));
        Assert.True(expected.Values.Sum(e => e.Scans) > expected.Values.Sum(e => e.Unique), "visitors repeat, so scans and unique scanners differ");
    }

    [Fact]
    public async Task BotsCountPerVariantWhenAskedFor()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync(extra: new JsonObject { ["routing"] = Routing() }))["id"]!.GetValue<string>();
        var scans = KnownScans(qrId);
        await StoreAsync(scans);

        var report = JsonNode.Parse(await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z&includeBots=true"))!;

        var variantScans = report["variants"]!.AsArray().SelectMany(s => s!["variants"]!.AsArray()).Sum(v => v!["scans"]!.GetValue<long>());
        Assert.Equal(scans.Count(s => s.Variant is not null), variantScans);
        Assert.Equal(scans.Count, report["rules"]!.AsArray().Sum(r => r!["scans"]!.GetValue<long>()));
    }

    [Fact]
    public async Task ACodeWithoutRoutingHasOnlyTheDefaultAndNoVariants()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync())["id"]!.GetValue<string>();
        await StoreAsync([.. KnownScans(qrId).Select(s => new Scan
        {
            Id = s.Id, QrCodeId = s.QrCodeId, ShortCode = s.ShortCode, OccurredAt = s.OccurredAt, Country = s.Country, Region = s.Region, City = s.City,
            DeviceType = s.DeviceType, Os = s.Os, Browser = s.Browser, ReferrerHost = s.ReferrerHost, IpAnonymised = s.IpAnonymised,
            VisitorHash = s.VisitorHash, IsBot = s.IsBot, IsHead = s.IsHead,
        })]);

        var report = JsonNode.Parse(await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z"))!;

        Assert.Empty(report["variants"]!.AsArray());
        var only = Assert.Single(report["rules"]!.AsArray());
        Assert.Equal(("default", report["totals"]!["scans"]!.GetValue<long>()), (only!["key"]!.GetValue<string>(), only["scans"]!.GetValue<long>()));
        Assert.True(only["scans"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task AScanLimitListsItsFallbackBeforeAnyScanPassedIt()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var routing = new JsonObject { ["scanLimit"] = new JsonObject { ["scans"] = 500 } };
        var qrId = (await user.CreateDynamicAsync(extra: new JsonObject { ["routing"] = routing }))["id"]!.GetValue<string>();
        var scans = KnownScans(qrId).Where(s => s.Rule is null && s.Variant is null && !s.ExpiredFallback && !s.LimitFallback).ToList();
        await StoreAsync(scans);

        var report = JsonNode.Parse(await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z"))!;

        var rules = report["rules"]!.AsArray().Select(r => (r!["key"]!.GetValue<string>(), r["scans"]!.GetValue<long>())).ToList();
        Assert.Equal([("default", scans.LongCount(s => !s.IsBot && !s.IsHead)), ("limitFallback", 0L)], rules);
    }

    [Fact]
    public async Task CsvExportHasTheRuleAndVariantRows()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync(extra: new JsonObject { ["routing"] = Routing() }))["id"]!.GetValue<string>();
        await StoreAsync(KnownScans(qrId));
        var query = "from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z";
        var json = JsonNode.Parse(await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?{query}"))!;

        var lines = (await GetAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?{query}&format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            json["rules"]!.AsArray().Select(r => $"rule,{r!["key"]},{r["scans"]},"),
            lines.Where(l => l.StartsWith("rule,", StringComparison.Ordinal)));
        Assert.Equal(
            json["variants"]!.AsArray().SelectMany(s => s!["variants"]!.AsArray().Select(v => $"variant,{s["rule"]}:{v!["index"]},{v["scans"]},{v["uniqueScanners"]}")),
            lines.Where(l => l.StartsWith("variant,", StringComparison.Ordinal)));
        Assert.Contains("variant,1:2,", lines.Last(), StringComparison.Ordinal);
    }
}
