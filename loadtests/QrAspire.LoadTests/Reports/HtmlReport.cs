using System.Globalization;
using System.Net;
using System.Text;
using QrAspire.LoadTests.Gates;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Reports;

/// <summary>report.html: the summary table, then per scenario a latency-by-percentile and a latency-over-time chart.</summary>
public static class HtmlReport
{
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode($"Load test {report.Profile.Name}"))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child{text-align:left}.fail{color:#c00;font-weight:bold}.pass{color:#070}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Load test {WebUtility.HtmlEncode(report.Profile.Name)}: <span class=\"{(report.Passed ? "pass\">PASS" : "fail\">FAIL")}</span></h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(report.Profile.Description)}. Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC on {WebUtility.HtmlEncode(report.Machine)}, {report.Codes} codes. ")
            .Append("Latency is measured from each request's scheduled time (open model); milliseconds.</p>")
            .Append("<table><tr><th>scenario</th><th>rate</th><th>achieved</th><th>requests</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>errors</th><th>floor p50 / p99</th><th>gate p99 &lt;</th><th>relative gate</th><th>result</th><th>own target</th></tr>");
        foreach (var v in report.Scenarios)
        {
            html.Append(Row(v));
        }

        html.Append("</table>");
        foreach (var v in report.Scenarios.Where(v => v.Ran))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(v.Settings.Name)}</h2>")
                .Append(PercentileChart(v)).Append(TimelineChart(v));
        }

        if (report.Memory.Count > 0)
        {
            html.Append("<h2>Resident memory</h2>").Append(MemoryReport.Chart(report.Memory))
                .Append("<table><tr><th>process</th><th>samples</th><th>first</th><th>last</th><th>min</th><th>max</th><th>growth, second half</th></tr>");
            foreach (var p in MemoryReport.Summarize(report.Memory))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(p.Process)}</td><td>{p.Samples}</td><td>{Numbers.Plain(Math.Round(p.FirstMiB, 1))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Numbers.Plain(Math.Round(p.LastMiB, 1))}</td><td>{Numbers.Plain(Math.Round(p.MinMiB, 1))}</td><td>{Numbers.Plain(Math.Round(p.MaxMiB, 1))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Numbers.Plain(Math.Round(p.SecondHalfGrowthMiB, 1))}</td></tr>");
            }

            var processes = MemoryReport.Summarize(report.Memory).Select(p => p.Process).ToList();
            html.Append("</table><p>MiB. Samples:</p><table><tr><th>second</th><th>running</th>");
            foreach (var process in processes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th>{WebUtility.HtmlEncode(process)}</th>");
            }

            html.Append("</tr>");
            foreach (var (at, rss) in MemoryReport.Table(report.Memory, processes))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Numbers.Plain(Math.Round(at))}</td><td>{WebUtility.HtmlEncode(report.PhaseAt(at))}</td>")
                    .Append(string.Concat(rss.Select(r => $"<td>{(r is { } v ? Numbers.Plain(Math.Round(v, 1)) : "")}</td>"))).Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Row(ScenarioVerdict v)
    {
        var css = v.Ran ? (v.Passed ? "pass" : "fail") : "";
        if (v.Summary is not { } s)
        {
            return $"<tr><td>{WebUtility.HtmlEncode(v.Settings.Name)}</td><td colspan=\"12\"></td><td>{WebUtility.HtmlEncode(v.Status)}</td><td></td></tr>";
        }

        var target = v.Settings.Target is { } t ? $"p99 ≤ {Numbers.Ms(t.P99.TotalMilliseconds)}: {(v.TargetPassed == true ? "met" : "not met")}" : "—";
        var (floor, relative) = MarkdownReport.FloorCells(v);
        return $"<tr><td>{WebUtility.HtmlEncode(v.Settings.Name)}</td><td>{Numbers.Rate(v.Settings.Rate)}</td><td>{Numbers.Rate(v.AchievedRate)}</td><td>{s.Requests}</td>" +
            $"<td>{Numbers.Ms(s.P50Ms)}</td><td>{Numbers.Ms(s.P90Ms)}</td><td>{Numbers.Ms(s.P99Ms)}</td><td>{Numbers.Ms(s.P999Ms)}</td><td>{Numbers.Ms(s.MaxMs)}</td>" +
            $"<td>{s.Errors} ({Numbers.Percent(s.ErrorRate)})</td><td>{floor}</td><td>{Numbers.Ms(v.GateP99Ms)}</td><td>{WebUtility.HtmlEncode(relative)}</td><td class=\"{css}\">{v.Status}</td><td>{WebUtility.HtmlEncode(target)}</td></tr>";
    }

    // x is the "number of nines": 0 at p0, 1 at p90, 2 at p99, 3 at p99.9 — the usual HdrHistogram plot, where the tail
    // gets as much room as the median.
    private static string PercentileChart(ScenarioVerdict v)
    {
        static double Nines(double percentile) => -Math.Log10(Math.Max(1e-4, 1 - (percentile / 100)));
        List<(double, double)> Curve(LatencySummary summary) => [.. summary.Percentiles.Where(p => p.Percentile < 100).Select(p => (Nines(p.Percentile), p.LatencyMs))];
        IReadOnlyList<(string, IReadOnlyList<(double, double)>)> series = v.Floor is { } floor
            ? [("latency", Curve(v.Summary!)), ("floor (bare app)", Curve(floor.Summary))]
            : [("latency", Curve(v.Summary!))];
        return SvgChart.Lines($"{v.Settings.Name}: latency by percentile", "percentile", "latency (ms)", series,
            x => (100 * (1 - Math.Pow(10, -x))).ToString("0.##", CultureInfo.InvariantCulture), ($"gate {Numbers.Ms(v.GateP99Ms)} ms", v.GateP99Ms));
    }

    private static string TimelineChart(ScenarioVerdict v)
    {
        IReadOnlyList<TimelinePoint> timeline = v.Summary!.Timeline;
        return SvgChart.Lines($"{v.Settings.Name}: latency over time", "second of the measured phase", "latency (ms)",
            [("p50", [.. timeline.Select(p => ((double)p.Second, p.P50Ms))]), ("p99", [.. timeline.Select(p => ((double)p.Second, p.P99Ms))]),
             ("max", [.. timeline.Select(p => ((double)p.Second, p.MaxMs))])],
            x => Numbers.Plain(Math.Round(x)), ($"gate p99 {Numbers.Ms(v.GateP99Ms)} ms", v.GateP99Ms));
    }
}
