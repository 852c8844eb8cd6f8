using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Analytics;

/// <summary>
/// Builds reports from the aggregates only (never the raw scans): the series and totals from <see cref="ScanHour"/>,
/// the breakdowns from <see cref="ScanDimensionDay"/> for the whole UTC days of the range and
/// <see cref="ScanDimensionHour"/> for the hours before the first and after the last of them. Unique scanners: a
/// visitor hash is salted per UTC day, so a scanner counts once per day, in the bucket of their first scan that day.
/// </summary>
public static class AnalyticsReports
{
    /// <summary>The breakdown dimensions, as named in responses and CSV.</summary>
    public static readonly string[] Dimensions = ["country", "region", "city", "deviceType", "os", "browser", "referrer"];

    /// <summary>The report over the codes in <paramref name="codeIds"/>.</summary>
    public static async Task<AnalyticsReport> BuildAsync(QrAspireDbContext db, IQueryable<string> codeIds, AnalyticsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var hours = db.ScanHours.AsNoTracking().Where(h => codeIds.Contains(h.QrCodeId) && h.Hour >= query.From && h.Hour < query.To);
        if (!query.IncludeBots)
        {
            // Bots' first visits are on is_bot rows; HEAD rows carry no visitors: one filter serves both counts.
            hours = hours.Where(h => !h.IsBot && !h.IsHead);
        }

        var perHour = await hours.GroupBy(h => h.Hour)
            .Select(g => new { Hour = g.Key, Scans = g.Sum(h => h.Scans), Visitors = g.Sum(h => h.UniqueScanners) })
            .ToListAsync(ct);

        var buckets = new SortedDictionary<DateTime, (long Scans, long Visitors)>();
        for (var hour = query.From; hour < query.To; hour = hour.AddHours(1))
        {
            buckets[Bucket(hour, query)] = (0, 0);
        }

        foreach (var row in perHour)
        {
            var key = Bucket(row.Hour, query);
            buckets[key] = (buckets[key].Scans + row.Scans, buckets[key].Visitors + row.Visitors);
        }

        var counts = await DimensionCountsAsync(db, codeIds, query, ct);
        var breakdowns = new Dictionary<string, IReadOnlyList<AnalyticsCount>>();
        for (var i = 0; i < Dimensions.Length; i++)
        {
            var dimension = (ScanDimension)i;
            breakdowns[Dimensions[i]] = [.. counts
                .Where(c => c.Key.Dimension == dimension)
                .Select(c => new AnalyticsCount(dimension == ScanDimension.Referrer && c.Key.Value.Length == 0 ? "direct" : c.Key.Value, c.Value))
                .OrderByDescending(r => r.Scans).ThenBy(r => r.Key, StringComparer.Ordinal)];
        }

        return new AnalyticsReport(
            Local(query.From, query.TimeZone),
            Local(query.To, query.TimeZone),
            query.Interval.ToString().ToLowerInvariant(),
            query.TimeZone.Id,
            query.IncludeBots,
            new AnalyticsTotals(buckets.Values.Sum(b => b.Scans), buckets.Values.Sum(b => b.Visitors)),
            [.. buckets.Select(b => new AnalyticsPoint(BucketStart(b.Key, query), b.Value.Scans, b.Value.Visitors))],
            breakdowns);
    }

    // Whole UTC days from the daily rows (one row per value and day), the ragged ends from the hourly rows: a 90-day
    // range reads about 90 days' values plus at most 46 hours' instead of 2,160 hours'. Each part is its own key range
    // (one OR'ed condition would make PostgreSQL walk every hour of the range).
    private static async Task<Dictionary<(ScanDimension Dimension, string Value), long>> DimensionCountsAsync(
        QrAspireDbContext db, IQueryable<string> codeIds, AnalyticsQuery query, CancellationToken ct)
    {
        var firstDay = query.From.Ticks % TimeSpan.TicksPerDay == 0 ? query.From : query.From.Date.AddDays(1);
        var endDay = query.To.Date;
        var parts = firstDay < endDay
            ? Hours(db, codeIds, query, query.From, firstDay).Concat(Days(db, codeIds, query, firstDay, endDay)).Concat(Hours(db, codeIds, query, endDay, query.To))
            : Hours(db, codeIds, query, query.From, query.To);
        var counts = new Dictionary<(ScanDimension, string), long>();
        foreach (var row in await parts.ToListAsync(ct))
        {
            counts[(row.Dimension, row.Value)] = counts.GetValueOrDefault((row.Dimension, row.Value)) + row.Scans;
        }

        return counts;
    }

    private static IQueryable<DimensionCount> Hours(QrAspireDbContext db, IQueryable<string> codeIds, AnalyticsQuery query, DateTime from, DateTime to)
    {
        var rows = db.ScanDimensionHours.AsNoTracking().Where(d => codeIds.Contains(d.QrCodeId) && d.Hour >= from && d.Hour < to);
        rows = query.IncludeBots ? rows : rows.Where(d => !d.IsBot && !d.IsHead);
        return rows.GroupBy(d => new { d.Dimension, d.Value }).Select(g => new DimensionCount { Dimension = g.Key.Dimension, Value = g.Key.Value, Scans = g.Sum(d => d.Scans) });
    }

    private static IQueryable<DimensionCount> Days(QrAspireDbContext db, IQueryable<string> codeIds, AnalyticsQuery query, DateTime from, DateTime to)
    {
        var rows = db.ScanDimensionDays.AsNoTracking().Where(d => codeIds.Contains(d.QrCodeId) && d.Day >= from && d.Day < to);
        rows = query.IncludeBots ? rows : rows.Where(d => !d.IsBot && !d.IsHead);
        return rows.GroupBy(d => new { d.Dimension, d.Value }).Select(g => new DimensionCount { Dimension = g.Key.Dimension, Value = g.Key.Value, Scans = g.Sum(d => d.Scans) });
    }

    private sealed class DimensionCount
    {
        public ScanDimension Dimension { get; init; }

        public string Value { get; init; } = "";

        public long Scans { get; init; }
    }

    /// <summary>
    /// The bucket of a UTC hour: hourly buckets are keyed by the UTC hour itself (so the repeated wall-clock hour of
    /// a DST fall-back is two buckets); daily and weekly ones by the local date (weeks start on Monday), as a
    /// DateTime of kind Unspecified.
    /// </summary>
    public static DateTime Bucket(DateTime utcHour, AnalyticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Interval == AnalyticsInterval.Hour)
        {
            return utcHour;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcHour, DateTimeKind.Utc), query.TimeZone).Date;
        return query.Interval == AnalyticsInterval.Day ? local : local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }

    private static DateTimeOffset BucketStart(DateTime key, AnalyticsQuery query)
    {
        if (query.Interval == AnalyticsInterval.Hour)
        {
            return Local(key, query.TimeZone);
        }

        // Local midnight; where a DST jump skips midnight, the first hour that exists.
        var start = key;
        while (query.TimeZone.IsInvalidTime(start))
        {
            start = start.AddHours(1);
        }

        return new DateTimeOffset(start, query.TimeZone.GetUtcOffset(start));
    }

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo timeZone)
    {
        var value = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return value.ToOffset(timeZone.GetUtcOffset(value));
    }
}
