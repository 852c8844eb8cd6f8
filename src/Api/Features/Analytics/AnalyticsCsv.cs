using System.Globalization;
using System.Text;

namespace QrAspire.Api.Features.Analytics;

/// <summary>
/// The same report as CSV (RFC 4180): <c>section,key,scans,unique_scanners</c> rows — <c>total</c>, one
/// <c>series</c> row per bucket (key = bucket start, ISO 8601 with offset), one row per breakdown value
/// (section = dimension); for one code also one <c>rule</c> row per rule (key <c>default</c>, the index,
/// <c>expiredFallback</c> or <c>limitFallback</c>) and one <c>variant</c> row per A/B variant (key <c>split:index</c>, e.g. <c>default:0</c> or
/// <c>2:1</c>, with its unique scanners). Values a spreadsheet would run as formulas are prefixed with a quote.
/// </summary>
public static class AnalyticsCsv
{
    /// <summary>The media type of the export.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The CSV text of <paramref name="report"/>.</summary>
    public static string Write(AnalyticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("section,key,scans,unique_scanners\r\n");
        Row(csv, "total", "", report.Totals.Scans, report.Totals.UniqueScanners);
        foreach (var point in report.Series)
        {
            Row(csv, "series", point.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), point.Scans, point.UniqueScanners);
        }

        foreach (var (dimension, counts) in report.Breakdowns)
        {
            foreach (var count in counts)
            {
                Row(csv, dimension, count.Key, count.Scans, null);
            }
        }

        foreach (var rule in report.Rules ?? [])
        {
            Row(csv, "rule", rule.Key, rule.Scans, null);
        }

        foreach (var split in report.Variants ?? [])
        {
            foreach (var variant in split.Variants)
            {
                Row(csv, "variant", string.Create(CultureInfo.InvariantCulture, $"{split.Rule}:{variant.Index}"), variant.Scans, variant.UniqueScanners);
            }
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string section, string key, long scans, long? unique) =>
        csv.Append(section).Append(',').Append(Field(key)).Append(',')
            .Append(scans.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(unique?.ToString(CultureInfo.InvariantCulture)).Append("\r\n");

    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
