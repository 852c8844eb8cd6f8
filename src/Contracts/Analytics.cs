namespace QrAspire.Contracts;

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
