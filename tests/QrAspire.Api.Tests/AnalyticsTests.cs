using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data.Model;
using QrAspire.Platform.Connections;
using QrAspire.Worker.Scans;

namespace QrAspire.Api.Tests;

/// <summary>
/// Analytics answers equal a brute-force count over the raw scans, for random scans, across time zones and DST
/// changes. Scans are written by the Worker's own <see cref="ScanStore"/> (its tests prove the aggregates equal a
/// recount of its scans).
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AnalyticsTests(ApiHost api)
{
    // Around Europe's spring-forward (2026-03-29) and the US one (2026-03-08) and fall-back (2026-11-01).
    private static readonly DateTime Start = new(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Countries = ["CH", "DE", "US", "unknown"];
    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];
    private static readonly string[] Browsers = ["Safari 17", "Chrome 120", "Firefox 121"];
    private static readonly string[] Referrers = ["", "poster.example", "www.instagram.com"];

    private static List<Scan> RandomScans(string qrId, int count, int seed, DateTime start, DateTime end)
    {
        var random = new Random(seed);
        var span = (long)(end - start).TotalSeconds;
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var visitor = random.Next(40);
            var isBot = visitor % 10 == 0;
            var country = Countries[visitor % Countries.Length];
            return new Scan
            {
                Id = Guid.CreateVersion7().ToString(),
                QrCodeId = qrId,
                ShortCode = "s" + qrId[3..],
                OccurredAt = start.AddSeconds(random.NextInt64(span)),
                Country = country,
                Region = country == "CH" ? "Zurich" : "unknown",
                City = country == "CH" ? "Zürich" : "unknown",
                DeviceType = isBot ? "bot" : Devices[visitor % Devices.Length],
                Os = "iOS",
                Browser = isBot ? "WhatsApp" : Browsers[visitor % Browsers.Length],
                ReferrerHost = Referrers[random.Next(Referrers.Length)],
                IpAnonymised = "198.51.100.0",
                VisitorHash = $"{visitor:D32}",
                IsBot = isBot,
                IsHead = !isBot && random.Next(20) == 0,
            };
        })];
    }

    private static DateTime Hour(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    // Through the Worker's own store, in three batches of shuffled order: late scans move visitors' first hours.
    private async Task StoreAsync(IReadOnlyList<Scan> scans)
    {
        var store = new ScanStore(api.Factory.Services.GetRequiredService<DatabaseConnections>());
        var shuffled = scans.OrderBy(s => s.Id.GetHashCode(StringComparison.Ordinal)).ToList();
        foreach (var batch in shuffled.Chunk(Math.Max(1, (shuffled.Count + 2) / 3)))
        {
            await store.WriteAsync(batch, [], CancellationToken.None);
        }
    }

    private static DateTime Bucket(DateTime utc, string interval, TimeZoneInfo tz)
    {
        if (interval == "hour")
        {
            return Hour(utc);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, tz).Date;
        return interval == "day" ? local : local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }

    private static DateTime KeyOf(DateTimeOffset start, string interval) =>
        interval == "hour" ? start.UtcDateTime : start.DateTime.Date;

    private async Task<(ApiClient User, string QrId, List<Scan> Scans)> CodeWithScansAsync(int count, int seed)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync())["id"]!.GetValue<string>();
        var scans = RandomScans(qrId, count, seed, Start, End);
        await StoreAsync(scans);
        return (user, qrId, scans);
    }

    private static async Task<JsonObject> GetJsonAsync(ApiClient user, string path)
    {
        using var response = await user.SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Theory]
    [InlineData("Europe/Zurich", "hour", "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z")]
    [InlineData("Europe/Zurich", "day", "2026-03-05T00:00:00Z", "2026-04-02T00:00:00Z")]
    [InlineData("America/New_York", "day", "2026-03-05T00:00:00Z", "2026-04-02T00:00:00Z")]
    [InlineData("America/New_York", "hour", "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")]
    [InlineData("Asia/Tokyo", "week", "2026-03-05T00:00:00Z", "2026-04-02T00:00:00Z")]
    [InlineData("UTC", "week", "2026-03-05T00:00:00Z", "2026-04-02T00:00:00Z")]
    [InlineData("America/New_York", "day", "2026-03-05T07:00:00Z", "2026-04-01T17:00:00Z")] // ragged ends: hourly breakdown rows
    [InlineData("Europe/Zurich", "hour", "2026-03-29T03:00:00Z", "2026-03-29T20:00:00Z")] // within one UTC day
    public async Task SeriesAndBreakdownsEqualABruteForceCount(string tzId, string interval, string from, string to)
    {
        var (user, qrId, scans) = await CodeWithScansAsync(3_000, tzId.Length * 31 + interval.Length);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(tzId);
        var fromUtc = DateTime.Parse(from, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var toUtc = DateTime.Parse(to, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        var report = await GetJsonAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?from={from}&to={to}&interval={interval}&tz={tzId}");

        var counted = scans.Where(s => s.OccurredAt >= fromUtc && s.OccurredAt < toUtc && !s.IsBot && !s.IsHead).ToList();
        var firstVisits = scans.Where(s => !s.IsBot)
            .GroupBy(s => (s.OccurredAt.Date, s.VisitorHash)).Select(g => g.Min(s => s.OccurredAt))
            .Where(t => Hour(t) >= fromUtc && Hour(t) < toUtc).ToList();
        Assert.Equal(counted.Count, report["totals"]!["scans"]!.GetValue<long>());
        Assert.Equal(firstVisits.Count, report["totals"]!["uniqueScanners"]!.GetValue<long>());

        var series = report["series"]!.AsArray()
            .Select(p => (Key: KeyOf(DateTimeOffset.Parse(p!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture), interval), Scans: p["scans"]!.GetValue<long>(), Unique: p["uniqueScanners"]!.GetValue<long>()))
            .ToList();
        Assert.Equal(series.Count, series.Select(p => p.Key).Distinct().Count());
        var expectedScans = counted.GroupBy(s => Bucket(s.OccurredAt, interval, tz)).ToDictionary(g => g.Key, g => (long)g.Count());
        var expectedUnique = firstVisits.GroupBy(t => Bucket(t, interval, tz)).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var point in series)
        {
            Assert.Equal(expectedScans.GetValueOrDefault(point.Key), point.Scans);
            Assert.Equal(expectedUnique.GetValueOrDefault(point.Key), point.Unique);
        }

        Assert.Equal(counted.Count, series.Sum(p => p.Scans));
        if (interval == "hour")
        {
            Assert.Equal((int)(toUtc - fromUtc).TotalHours, series.Count); // a DST day has 23 or 25 hourly buckets
        }

        var breakdowns = report["breakdowns"]!.AsObject();
        AssertBreakdown(breakdowns, "country", counted.GroupBy(s => s.Country));
        AssertBreakdown(breakdowns, "city", counted.GroupBy(s => s.City));
        AssertBreakdown(breakdowns, "deviceType", counted.GroupBy(s => s.DeviceType));
        AssertBreakdown(breakdowns, "browser", counted.GroupBy(s => s.Browser));
        AssertBreakdown(breakdowns, "referrer", counted.GroupBy(s => s.ReferrerHost.Length == 0 ? "direct" : s.ReferrerHost));
    }

    private static void AssertBreakdown(JsonObject breakdowns, string dimension, IEnumerable<IGrouping<string, Scan>> expected)
    {
        var actual = breakdowns[dimension]!.AsArray().ToDictionary(e => e!["key"]!.GetValue<string>(), e => e!["scans"]!.GetValue<long>());
        Assert.Equal(expected.ToDictionary(g => g.Key, g => (long)g.Count()).OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task BotsAndLinkCheckersAreLeftOutUnlessAskedFor()
    {
        var (user, qrId, scans) = await CodeWithScansAsync(500, 11);
        var range = "from=2026-03-05T00:00:00Z&to=2026-04-02T00:00:00Z";

        var without = await GetJsonAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?{range}");
        var with = await GetJsonAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?{range}&includeBots=true");

        Assert.Equal(scans.Count(s => !s.IsBot && !s.IsHead), without["totals"]!["scans"]!.GetValue<long>());
        Assert.Equal(scans.Count, with["totals"]!["scans"]!.GetValue<long>());
        Assert.DoesNotContain(without["breakdowns"]!["deviceType"]!.AsArray(), e => e!["key"]!.GetValue<string>() == "bot");
        Assert.Contains(with["breakdowns"]!["deviceType"]!.AsArray(), e => e!["key"]!.GetValue<string>() == "bot");
    }

    [Fact]
    public async Task TheAccountReportAddsUpAllItsCodes()
    {
        var (user, _, first) = await CodeWithScansAsync(300, 21);
        var second = (await user.CreateDynamicAsync())["id"]!.GetValue<string>();
        var more = RandomScans(second, 200, 22, Start, End);
        await StoreAsync(more);
        await CodeWithScansAsync(100, 23); // someone else's scans stay out

        var report = await GetJsonAsync(user, "/api/v1/analytics?from=2026-03-05T00:00:00Z&to=2026-04-02T00:00:00Z&includeBots=true");

        Assert.Equal(first.Count + more.Count, report["totals"]!["scans"]!.GetValue<long>());
    }

    [Fact]
    public async Task CsvExportHasTheSameNumbers()
    {
        var (user, qrId, _) = await CodeWithScansAsync(400, 31);
        var query = "from=2026-03-28T00:00:00%2B01:00&to=2026-03-31T00:00:00%2B02:00&interval=day&tz=Europe/Zurich";
        var json = await GetJsonAsync(user, $"/api/v1/qr-codes/{qrId}/analytics?{query}");

        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{qrId}/analytics?{query}&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,scans,unique_scanners", lines[0]);
        Assert.Equal($"total,,{json["totals"]!["scans"]},{json["totals"]!["uniqueScanners"]}", lines[1]);
        var series = lines.Where(l => l.StartsWith("series,", StringComparison.Ordinal)).ToList();
        Assert.Equal(["series,2026-03-28T00:00:00+01:00", "series,2026-03-29T00:00:00+01:00", "series,2026-03-30T00:00:00+02:00"],
            series.Select(l => string.Join(',', l.Split(',')[..2])));
        Assert.Equal(json["totals"]!["scans"]!.GetValue<long>(), series.Sum(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("from=2026-03-10T00:00:00Z&to=2026-03-10T00:00:00Z", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-03-10T00:30:00Z", "to")]
    [InlineData("from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&interval=hour", "interval")]
    [InlineData("interval=month", "interval")]
    [InlineData("tz=Mars/Olympus_Mons", "tz")]
    [InlineData("includeBots=maybe", "includeBots")]
    [InlineData("format=xlsx", "format")]
    public async Task BadQueriesAreProblemsWithFieldErrors(string query, string field)
    {
        var (user, qrId, _) = await CodeWithScansAsync(1, 41);

        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{qrId}/analytics?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnotherUsersCodeIsNotFound()
    {
        var (_, qrId, _) = await CodeWithScansAsync(10, 51);
        var stranger = await ApiClient.SignUpAsync(api.Factory);

        using var response = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{qrId}/analytics");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiKeysNeedTheAnalyticsScope()
    {
        var (user, qrId, _) = await CodeWithScansAsync(10, 61);
        var codesOnly = await user.CreateApiKeyAsync("codes:read");
        var analytics = await user.CreateApiKeyAsync("analytics:read");

        using var refused = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{qrId}/analytics", bearer: codesOnly);
        using var allowed = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{qrId}/analytics", bearer: analytics);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
