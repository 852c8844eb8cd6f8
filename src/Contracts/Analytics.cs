namespace QrAspire.Contracts;

/// <summary>One bucket of the time series; <see cref="Start"/> in the requested time zone.</summary>
public sealed record AnalyticsPoint(DateTimeOffset Start, long Scans, long UniqueScanners);

/// <summary>One value of a breakdown dimension and its scans.</summary>
public sealed record AnalyticsCount(string Key, long Scans);

/// <summary>Totals of the range.</summary>
public sealed record AnalyticsTotals(long Scans, long UniqueScanners);

/// <summary>One A/B variant's scans and unique scanners in the range.</summary>
/// <param name="Index">The variant's index in its split.</param>
/// <param name="Destination">The variant's destination in the code's current routing; null when the split has no such variant any more.</param>
/// <param name="Scans">Scans this variant answered.</param>
/// <param name="UniqueScanners">Unique scanners of this variant, counted as <see cref="AnalyticsTotals.UniqueScanners"/> are (per UTC day).</param>
public sealed record AnalyticsVariant(int Index, string? Destination, long Scans, long UniqueScanners);

/// <summary>The variants of one A/B split, as they answered in the range.</summary>
/// <param name="Rule"><c>default</c> for the split of the default destination, else the rule's index (<c>0</c>, <c>1</c>, …).</param>
/// <param name="Variants">Every variant of the split in the current routing and every one that answered in the range, by index.</param>
public sealed record AnalyticsVariantSplit(string Rule, IReadOnlyList<AnalyticsVariant> Variants);

/// <summary>An analytics answer, for one code or a whole account.</summary>
/// <param name="From">Start of the range (inclusive), in the time zone.</param>
/// <param name="To">End of the range (exclusive), in the time zone.</param>
/// <param name="Interval"><c>hour</c>, <c>day</c> or <c>week</c>.</param>
/// <param name="TimeZone">The IANA time zone of the buckets.</param>
/// <param name="IncludeBots">Whether bots and <c>HEAD</c> link checkers are counted.</param>
/// <param name="Totals">Scans and unique scanners of the range.</param>
/// <param name="Series">One bucket per interval, zeros included.</param>
/// <param name="Breakdowns">Scans per value of each dimension.</param>
/// <param name="Variants">One code only: its A/B splits (empty when it has none and none answered in the range).</param>
/// <param name="Rules">
/// One code only: scans per destination that answered — <c>default</c> (also every scan recorded before routing), each
/// rule's index, <c>expiredFallback</c>, and <c>limitFallback</c> (scans past the scan limit: sent to its fallback or
/// answered 410) — for every rule in the current routing and every one that answered.
/// </param>
public sealed record AnalyticsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string Interval,
    string TimeZone,
    bool IncludeBots,
    AnalyticsTotals Totals,
    IReadOnlyList<AnalyticsPoint> Series,
    IReadOnlyDictionary<string, IReadOnlyList<AnalyticsCount>> Breakdowns,
    IReadOnlyList<AnalyticsVariantSplit>? Variants = null,
    IReadOnlyList<AnalyticsCount>? Rules = null);
