using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Analytics;

/// <summary>One bucket of the time series; <see cref="Start"/> in the requested time zone.</summary>
public sealed record AnalyticsPoint(DateTimeOffset Start, long Scans, long UniqueScanners);

/// <summary>One value of a breakdown dimension and its scans.</summary>
public sealed record AnalyticsCount(string Key, long Scans);

/// <summary>Totals of the range.</summary>
public sealed record AnalyticsTotals(long Scans, long UniqueScanners);

/// <summary>An analytics answer, for one code or a whole account.</summary>
public sealed record AnalyticsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string Interval,
    string TimeZone,
    bool IncludeBots,
    AnalyticsTotals Totals,
    IReadOnlyList<AnalyticsPoint> Series,
    IReadOnlyDictionary<string, IReadOnlyList<AnalyticsCount>> Breakdowns);

/// <summary>
/// Builds reports from the hourly rollups and daily visitors only (never the raw scans). Unique scanners: a visitor
/// hash is salted per UTC day, so a scanner counts once per day, in the bucket of their first scan that day.
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
        var rollups = db.ScanRollups.AsNoTracking().Where(r => codeIds.Contains(r.QrCodeId) && r.Hour >= query.From && r.Hour < query.To);
        // first_hour lies within its day: the day bounds let the primary key (qr_code_id, day, …) narrow the scan.
        var firstDay = query.From.Date;
        var lastDay = query.To.Date;
        var visitors = db.ScanVisitors.AsNoTracking().Where(v => codeIds.Contains(v.QrCodeId) && v.Day >= firstDay && v.Day <= lastDay
            && v.FirstHour >= query.From && v.FirstHour < query.To);
        if (!query.IncludeBots)
        {
            rollups = rollups.Where(r => !r.IsBot && !r.IsHead);
            visitors = visitors.Where(v => !v.IsBot);
        }

        var scansPerHour = await rollups.GroupBy(r => r.Hour).Select(g => new { Hour = g.Key, Scans = g.Sum(r => r.Scans) }).ToListAsync(ct);
        var visitorsPerHour = await visitors.GroupBy(v => v.FirstHour).Select(g => new { Hour = g.Key, Visitors = g.LongCount() }).ToListAsync(ct);

        var buckets = new SortedDictionary<DateTime, (long Scans, long Visitors)>();
        for (var hour = query.From; hour < query.To; hour = hour.AddHours(1))
        {
            buckets[Bucket(hour, query)] = (0, 0);
        }

        foreach (var row in scansPerHour)
        {
            var key = Bucket(row.Hour, query);
            buckets[key] = (buckets[key].Scans + row.Scans, buckets[key].Visitors);
        }

        foreach (var row in visitorsPerHour)
        {
            var key = Bucket(row.Hour, query);
            buckets[key] = (buckets[key].Scans, buckets[key].Visitors + row.Visitors);
        }

        var breakdowns = new Dictionary<string, IReadOnlyList<AnalyticsCount>>();
        foreach (var dimension in Dimensions)
        {
            var rows = await rollups.GroupBy(Selector(dimension)).Select(g => new { g.Key, Scans = g.Sum(r => r.Scans) }).ToListAsync(ct);
            breakdowns[dimension] = [.. rows
                .Select(r => new AnalyticsCount(dimension == "referrer" && r.Key.Length == 0 ? "direct" : r.Key, r.Scans))
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

    private static System.Linq.Expressions.Expression<Func<ScanRollup, string>> Selector(string dimension) => dimension switch
    {
        "country" => r => r.Country,
        "region" => r => r.Region,
        "city" => r => r.City,
        "deviceType" => r => r.DeviceType,
        "os" => r => r.Os,
        "browser" => r => r.Browser,
        _ => r => r.ReferrerHost,
    };

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
