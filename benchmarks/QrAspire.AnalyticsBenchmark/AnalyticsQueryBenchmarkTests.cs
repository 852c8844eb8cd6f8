extern alias api;

using System.Diagnostics;
using System.Globalization;
using api::QrAspire.Api.Features.Analytics;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Api.Tests;
using QrAspire.Contracts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Connections;
using QrAspire.Worker.Scans;
using Xunit.Abstractions;

namespace QrAspire.AnalyticsBenchmark;

/// <summary>
/// The analytics query target (docs/performance.md): one code with <c>QRASPIRE_ANALYTICS_BENCH</c> scans (10,000,000
/// for the target) spread over 94 days, written by the Worker's own <see cref="ScanStore"/> in its largest batches, then
/// the Api's default report (totals, unique scanners, a daily series in Europe/Zurich, all seven breakdowns) over 90
/// days, timed warm through <see cref="AnalyticsReports"/>. Reported Skipped unless the variable is set:
/// <c>QRASPIRE_ANALYTICS_BENCH=10000000 QRASPIRE_TEST_MODE=local dotnet test benchmarks/QrAspire.AnalyticsBenchmark</c>.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Benchmark")] // a measurement, not a check: scripts/test.sh leaves it out
public sealed class AnalyticsQueryBenchmarkTests(ApiHost api, ITestOutputHelper output)
{
    private const int BatchSize = 50_000; // SCAN_BATCH_SIZE's maximum
    private static readonly DateTime DataStart = new(2026, 8, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime DataEnd = new(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);

    // The default query's shape: 90 days up to a whole hour that is not midnight, so both ends cut a UTC day.
    private static readonly DateTime To = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime From = To.AddDays(-90);

    [SkippableFact]
    public async Task NinetyDaysOfACodeWithTenMillionScans()
    {
        Skip.IfNot(long.TryParse(Environment.GetEnvironmentVariable("QRASPIRE_ANALYTICS_BENCH"), out var count),
            "a measurement: set QRASPIRE_ANALYTICS_BENCH=N (scans to seed; 10000000 for the target) to run it");

        var user = await ApiClient.SignUpAsync(api.Factory);
        var qrId = (await user.CreateDynamicAsync())["id"]!.GetValue<string>();
        var store = new ScanStore(api.Factory.Services.GetRequiredService<DatabaseConnections>());

        var seeding = Stopwatch.StartNew();
        var expected = new ScanGenerator(qrId, count, DataStart, DataEnd, From, To);
        foreach (var batch in expected.Batches(BatchSize))
        {
            await store.WriteAsync(batch, [], CancellationToken.None);
        }

        seeding.Stop();
        await VacuumAnalyzeAsync();
        var query = new AnalyticsQuery(From, To, AnalyticsInterval.Day, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"), false, false);

        // Right answer first (BenchmarkDotNet's GlobalSetup habit): the report must count what was seeded.
        var report = await BuildAsync(qrId, query);
        Assert.Equal(expected.HumanScansInRange, report.Totals.Scans);
        Assert.Equal(expected.HumanFirstVisitsInRange, report.Totals.UniqueScanners);
        Assert.Equal(91, report.Series.Count);
        Assert.All(report.Breakdowns.Values, b => Assert.Equal(report.Totals.Scans, b.Sum(c => c.Scans)));

        for (var i = 0; i < 5; i++)
        {
            await BuildAsync(qrId, query);
        }

        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var clock = Stopwatch.StartNew();
            await BuildAsync(qrId, query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var cardinalities = string.Join(", ", report.Breakdowns.Select(b => $"{b.Key} {b.Value.Count}"));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{api.Infrastructure.Mode}: {count:N0} scans seeded in {seeding.Elapsed.TotalSeconds:F0} s; 90-day report (day, Europe/Zurich, 7 breakdowns: {cardinalities}; {report.Totals.Scans:N0} scans, {report.Totals.UniqueScanners:N0} unique) p50 {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms, max {times[^1]:F1} ms over {times.Count} warm runs");
        output.WriteLine(line);
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "qraspire-analytics-bench.txt"), line + Environment.NewLine);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "qraspire-analytics-plans.txt"), await PlansAsync(qrId));
    }

    // What PostgreSQL does for each part of the report, and how many aggregate rows the code has: for docs/analytics.md.
    private async Task<string> PlansAsync(string qrId)
    {
        await using var connection = await api.Factory.Services.GetRequiredService<DatabaseConnections>().OpenAsync(CancellationToken.None);
        if (connection is not Npgsql.NpgsqlConnection)
        {
            return "";
        }

        var firstDay = From.Date.AddDays(1);
        var endDay = To.Date;
        string[] statements =
        [
            "SELECT 'scans', count(*) FROM scans WHERE qr_code_id = @id UNION ALL SELECT 'scan_visitors', count(*) FROM scan_visitors WHERE qr_code_id = @id UNION ALL SELECT 'scan_hours', count(*) FROM scan_hours WHERE qr_code_id = @id UNION ALL SELECT 'scan_dimension_hours', count(*) FROM scan_dimension_hours WHERE qr_code_id = @id UNION ALL SELECT 'scan_dimension_days', count(*) FROM scan_dimension_days WHERE qr_code_id = @id",
            "EXPLAIN (ANALYZE, BUFFERS) SELECT hour, sum(scans), sum(unique_scanners) FROM scan_hours WHERE qr_code_id = @id AND hour >= @from AND hour < @to AND NOT is_bot AND NOT is_head GROUP BY hour",
            "EXPLAIN (ANALYZE, BUFFERS) SELECT dimension, value, sum(scans) FROM scan_dimension_days WHERE qr_code_id = @id AND day >= @firstDay AND day < @endDay AND NOT is_bot AND NOT is_head GROUP BY dimension, value",
            "EXPLAIN (ANALYZE, BUFFERS) SELECT dimension, value, sum(scans) FROM scan_dimension_hours WHERE qr_code_id = @id AND hour >= @from AND hour < @firstDay AND NOT is_bot AND NOT is_head GROUP BY dimension, value",
        ];
        var text = new System.Text.StringBuilder();
        foreach (var statement in statements)
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, (Npgsql.NpgsqlConnection)connection);
            command.Parameters.AddWithValue("id", qrId);
            command.Parameters.AddWithValue("from", From);
            command.Parameters.AddWithValue("to", To);
            command.Parameters.AddWithValue("firstDay", firstDay);
            command.Parameters.AddWithValue("endDay", endDay);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private async Task<AnalyticsReport> BuildAsync(string qrId, AnalyticsQuery query)
    {
        using var scope = api.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        return await AnalyticsReports.BuildAsync(db, new[] { qrId }.AsQueryable(), query, CancellationToken.None);
    }

    // Autovacuum would have analysed the tables of a live system long before a 10-million-scan code is queried.
    private async Task VacuumAnalyzeAsync()
    {
        await using var connection = await api.Factory.Services.GetRequiredService<DatabaseConnections>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = connection is Npgsql.NpgsqlConnection ? "VACUUM ANALYZE" : "ANALYZE";
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Realistic scans in time order: traffic growing over the weeks with a daily rhythm, about 50 countries and 300
    /// cities (Zipf-like), a handful of devices, operating systems and browsers, 30 referrers, 3 % bots and 1 % HEAD
    /// link checks; each day's scanners scan 1.4 times on average.
    /// </summary>
    private sealed class ScanGenerator(string qrId, long count, DateTime start, DateTime end, DateTime from, DateTime to)
    {
        private static readonly string[] Countries = [.. "US DE GB FR CH IT ES NL JP CA AU BR MX IN SE NO DK FI AT BE PL CZ PT IE NZ SG HK KR TW CN ZA AR CL CO PE TR GR RO HU IL AE SA EG NG KE MA TH VN ID PH".Split(' ').Append("unknown")];
        private static readonly (string Device, string Os, string Browser, double Weight)[] Agents =
        [
            ("mobile", "iOS", "Safari 17", 22), ("mobile", "iOS", "Safari 18", 12), ("mobile", "iOS", "Instagram 311", 4), ("mobile", "iOS", "Chrome 120", 3),
            ("mobile", "Android", "Chrome 120", 14), ("mobile", "Android", "Chrome 119", 6), ("mobile", "Android", "Samsung Internet 23", 5), ("mobile", "Android", "Facebook 440", 2),
            ("desktop", "Windows", "Chrome 120", 7), ("desktop", "Windows", "Edge 120", 4), ("desktop", "Windows", "Firefox 121", 2), ("desktop", "macOS", "Safari 17", 3),
            ("desktop", "macOS", "Chrome 120", 3), ("desktop", "Linux", "Firefox 121", 1), ("desktop", "ChromeOS", "Chrome 120", 1),
            ("tablet", "iPadOS", "Safari 17", 4), ("tablet", "Android", "Chrome 120", 2), ("unknown", "unknown", "unknown", 1),
        ];

        private static readonly string[] Bots = ["WhatsApp", "facebookexternalhit 1", "Googlebot 2", "Slackbot 1", "curl 8"];

        private readonly Random _random = new(20261126);
        private readonly (string Country, string Region, string City)[] _places = Places();
        private readonly double[] _placeWeights = Zipf(Places().Length, 1.0);
        private readonly string[] _referrers = [.. Enumerable.Range(0, 30).Select(i => i switch
        {
            0 => "www.instagram.com", 1 => "l.facebook.com", 2 => "t.co", 3 => "www.google.com", 4 => "www.linkedin.com",
            _ => $"partner{i}.example",
        })];

        private readonly double[] _referrerWeights = Zipf(30, 1.2);

        public long HumanScansInRange { get; private set; }

        public long HumanFirstVisitsInRange { get; private set; }

        public IEnumerable<List<Scan>> Batches(int size)
        {
            var hours = (int)(end - start).TotalHours;
            var weights = Enumerable.Range(0, hours).Select(h =>
            {
                var at = start.AddHours(h);
                var growth = 1 + (h / (double)hours); // twice the traffic at the end as at the start
                var daily = 0.3 + Math.Pow(Math.Sin(Math.PI * ((at.Hour + 18) % 24) / 24.0), 2); // busiest around 18:00 UTC
                return growth * daily;
            }).ToArray();
            var total = weights.Sum();
            var batch = new List<Scan>(size);
            long made = 0;
            double carried = 0;
            var seenToday = new HashSet<int>();
            var day = DateTime.MinValue;
            var visitorsPerDay = 1;
            for (var h = 0; h < hours; h++)
            {
                var hour = start.AddHours(h);
                carried += count * weights[h] / total;
                var inHour = h == hours - 1 ? count - made : (long)carried - made;
                if (hour.Date != day)
                {
                    day = hour.Date;
                    seenToday.Clear();
                    visitorsPerDay = Math.Max(1, (int)(weights.Skip(h).Take(24).Sum() / total * count / 1.4));
                }

                var offsets = Enumerable.Range(0, (int)inHour).Select(_ => _random.NextInt64(TimeSpan.TicksPerHour)).Order().ToArray();
                foreach (var offset in offsets)
                {
                    var scan = Next(hour.AddTicks(offset), day, visitorsPerDay, seenToday, out var firstVisit);
                    if (scan.OccurredAt >= from && scan.OccurredAt < to)
                    {
                        HumanScansInRange += scan.IsBot || scan.IsHead ? 0 : 1;
                        HumanFirstVisitsInRange += firstVisit && !scan.IsBot ? 1 : 0;
                    }

                    batch.Add(scan);
                    if (batch.Count == size)
                    {
                        yield return batch;
                        batch = new List<Scan>(size);
                    }
                }

                made += inHour;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }

        private Scan Next(DateTime at, DateTime day, int visitorsPerDay, HashSet<int> seenToday, out bool firstVisit)
        {
            var visitor = _random.Next(visitorsPerDay);
            firstVisit = seenToday.Add(visitor);
            var isBot = _random.NextDouble() < 0.03;
            var place = _places[Pick(_placeWeights)];
            var agent = Agents[PickAgent()];
            return new Scan
            {
                Id = Guid.CreateVersion7().ToString(),
                QrCodeId = qrId,
                ShortCode = "bench",
                OccurredAt = at,
                Country = place.Country,
                Region = place.Region,
                City = place.City,
                DeviceType = isBot ? "bot" : agent.Device,
                Os = isBot ? "unknown" : agent.Os,
                Browser = isBot ? Bots[_random.Next(Bots.Length)] : agent.Browser,
                ReferrerHost = _random.NextDouble() < 0.6 ? "" : _referrers[Pick(_referrerWeights)],
                IpAnonymised = "198.51.100.0",
                VisitorHash = string.Create(CultureInfo.InvariantCulture, $"{(int)(day - DateTime.UnixEpoch).TotalDays:x8}{visitor:x24}"),
                IsBot = isBot,
                IsHead = _random.NextDouble() < 0.01,
            };
        }

        private int PickAgent()
        {
            var total = Agents.Sum(a => a.Weight);
            var x = _random.NextDouble() * total;
            for (var i = 0; i < Agents.Length; i++)
            {
                x -= Agents[i].Weight;
                if (x < 0)
                {
                    return i;
                }
            }

            return Agents.Length - 1;
        }

        // Weights are cumulative and normalised to 1.
        private int Pick(double[] cumulative)
        {
            var index = Array.BinarySearch(cumulative, _random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        }

        private static double[] Zipf(int n, double exponent)
        {
            var weights = Enumerable.Range(1, n).Select(i => 1 / Math.Pow(i, exponent)).ToArray();
            var sum = weights.Sum();
            var cumulative = new double[n];
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                running += weights[i] / sum;
                cumulative[i] = running;
            }

            return cumulative;
        }

        // About 300 cities in about 150 regions: big countries have more; every country has an unknown city too.
        private static (string Country, string Region, string City)[] Places() =>
        [
            .. Countries.SelectMany((country, rank) => country == "unknown"
                ? [("unknown", "unknown", "unknown")]
                : Enumerable.Range(0, Math.Max(2, 40 / (rank + 1)) + 3)
                    .Select(j => j == 0 ? (country, "unknown", "unknown") : (country, $"{country} Region {(j + 1) / 2}", $"{country} City {j}"))),
        ];
    }
}
