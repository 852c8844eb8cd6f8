using System.Globalization;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Reports;

/// <summary>
/// The resident-memory part of the reports: per process the first, last, lowest and highest sample and the growth over
/// the run's second half (a leak keeps growing once the caches and pools have filled; warm-up growth does not), a table
/// of the samples thinned to at most <see cref="MaxRows"/> rows, and the chart (also written as memory.svg).
/// </summary>
public static class MemoryReport
{
    public const int MaxRows = 25;

    public sealed record ProcessMemory(string Process, int Samples, double FirstMiB, double LastMiB, double MinMiB, double MaxMiB, double SecondHalfGrowthMiB);

    public static IReadOnlyList<ProcessMemory> Summarize(IReadOnlyList<MemorySample> samples) =>
    [
        .. samples.GroupBy(s => s.Process).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var list = g.OrderBy(s => s.AtSeconds).ToList();
            var half = list[list.Count / 2];
            return new ProcessMemory(g.Key, list.Count, list[0].RssMiB, list[^1].RssMiB, list.Min(s => s.RssMiB), list.Max(s => s.RssMiB), list[^1].RssMiB - half.RssMiB);
        }),
    ];

    /// <summary>Rows of (second, MiB per process in <paramref name="processes"/> order; null when that process had no sample).</summary>
    public static IReadOnlyList<(double AtSeconds, double?[] RssMiB)> Table(IReadOnlyList<MemorySample> samples, IReadOnlyList<string> processes)
    {
        var times = samples.Select(s => s.AtSeconds).Distinct().Order().ToList();
        var picked = times.Count <= MaxRows
            ? times
            : [.. Enumerable.Range(0, MaxRows - 1).Select(i => times[(int)((long)i * (times.Count - 1) / (MaxRows - 1))]).Append(times[^1]).Distinct()];
        var byKey = samples.ToLookup(s => (s.AtSeconds, s.Process));
        return [.. picked.Select(t => (t, processes.Select(p => byKey[(t, p)].Select(s => (double?)s.RssMiB).FirstOrDefault()).ToArray()))];
    }

    public static string Chart(IReadOnlyList<MemorySample> samples) =>
        SvgChart.Lines("Resident memory", "seconds since the run started", "RSS (MiB)",
            [.. samples.GroupBy(m => m.Process).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<(double, double)>)[.. g.OrderBy(m => m.AtSeconds).Select(m => (m.AtSeconds, m.RssMiB))]))],
            x => Numbers.Plain(Math.Round(x)), yTick: y => y.ToString("0", CultureInfo.InvariantCulture));
}
