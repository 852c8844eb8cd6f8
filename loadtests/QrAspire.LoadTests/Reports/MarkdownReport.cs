using System.Text;
using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Gates;

namespace QrAspire.LoadTests.Reports;

/// <summary>summary.md: one table of scenarios × rate, the gates' verdicts, our own targets beside them.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Load test: {report.Profile.Name} — {(report.Passed ? "PASS" : "FAIL")}").AppendLine()
            .AppendLine($"{report.Profile.Description}. Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.WallTime.TotalSeconds:F0} s, " +
                $"on {report.Machine}. {report.Codes} codes. Api {report.Api?.ToString() ?? "—"}, Redirector {report.Redirector?.ToString() ?? "—"}, " +
                $"floor {report.Floor?.ToString() ?? "— (no --floor: relative gates not measured)"}.")
            .AppendLine()
            .AppendLine("Latency is measured from each request's scheduled time (open model, no coordinated omission); ms. " +
                "*Floor*: the bare AOT app (a constant 302) through the same client at the same rate, right before the scenario — what the harness and the machine cost.")
            .AppendLine()
            .AppendLine("| scenario | rate (req/s) | achieved | requests | p50 | p90 | p99 | p99.9 | max | errors | floor p50 / p99 | hard gate | relative gate | result | own target |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var scenario in report.Scenarios)
        {
            md.AppendLine(Row(scenario));
        }

        md.AppendLine().Append($"Hard gates: redirect p99 < {Numbers.Ms(report.Profile.Gates.RedirectP99.TotalMilliseconds)} ms, ")
            .Append($"request p99 < {Numbers.Ms(report.Profile.Gates.RequestP99.TotalMilliseconds)} ms, ")
            .Append($"generation p99 < {Numbers.Ms(report.Profile.Gates.GenerationP99.TotalMilliseconds)} ms, ")
            .Append($"scan-to-analytics lag p99 < {Numbers.Ms(report.Profile.Gates.ScanLagP99.TotalMilliseconds)} ms, ")
            .Append($"Api /health p99 < {Numbers.Ms(report.Profile.Gates.HealthP99.TotalMilliseconds)} ms, ")
            .AppendLine($"errors < {Numbers.Percent(report.Profile.Gates.ErrorRate)}. Own targets are reported, never fail the run.");

        var remeasured = report.Scenarios.Where(s => s.Unconfirmed is not null).ToList();
        if (remeasured.Count > 0)
        {
            md.AppendLine().AppendLine("Measured twice (a latency gate fails the run only when a second measurement misses it too; the table shows the second):").AppendLine();
            foreach (var v in remeasured)
            {
                var first = v.Unconfirmed!.Summary!;
                md.AppendLine($"- {v.Settings.Name}: first p99 {Numbers.Ms(first.P99Ms)} ms (p99.9 {Numbers.Ms(first.P999Ms)}, max {Numbers.Ms(first.MaxMs)}" +
                    $"{FloorNote(v.Unconfirmed)}), second p99 {Numbers.Ms(v.Summary!.P99Ms)} ms{FloorNote(v)}: {(v.LatencyGatesPassed ? "not confirmed" : "confirmed")}");
            }
        }

        var failures = report.Scenarios.Where(s => s.Summary is { Errors: > 0 }).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine().AppendLine("Errors by reason:").AppendLine();
            foreach (var scenario in failures)
            {
                md.AppendLine($"- {scenario.Settings.Name}: " + string.Join(", ", scenario.Summary!.Failures.Select(f => $"{f.Key} × {f.Value}")));
            }
        }

        var refused = report.Scenarios.Where(s => s.Summary is { Refused: > 0 }).ToList();
        if (refused.Count > 0)
        {
            md.AppendLine().AppendLine("Refused as designed (answered, not errors):").AppendLine();
            foreach (var scenario in refused)
            {
                md.AppendLine($"- {scenario.Settings.Name}: " + string.Join(", ", scenario.Summary!.Refusals!.Select(f => $"{f.Key} × {f.Value}")));
            }
        }

        if (report.MemoryLimits.Count > 0)
        {
            md.AppendLine().AppendLine("## Peak resident memory against the limits").AppendLine()
                .AppendLine("| process | peak (MiB: highest sample, or the kernel's VmHWM when higher) | limit (MiB) | result |")
                .AppendLine("| --- | --- | --- | --- |");
            foreach (var check in report.MemoryChecks)
            {
                md.AppendLine($"| {check.Process} | {Mib(check.PeakMiB)} | {Mib(check.LimitMiB)} | {(check.Passed ? "pass" : check.PeakMiB > 0 ? "FAIL: above the limit" : "FAIL: never measured")} |");
            }
        }

        if (report.Memory.Count > 0)
        {
            var processes = MemoryReport.Summarize(report.Memory);
            md.AppendLine().AppendLine("## Resident memory (MiB)").AppendLine().AppendLine("![resident memory](memory.svg)").AppendLine()
                .AppendLine("| process | samples | first | last | min | max | growth, second half |")
                .AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var p in processes)
            {
                md.AppendLine($"| {p.Process} | {p.Samples} | {Mib(p.FirstMiB)} | {Mib(p.LastMiB)} | {Mib(p.MinMiB)} | {Mib(p.MaxMiB)} | {Mib(p.SecondHalfGrowthMiB)} |");
            }

            var names = processes.Select(p => p.Process).ToList();
            md.AppendLine().AppendLine($"| second | running | {string.Join(" | ", names)} |").AppendLine($"| --- | --- |{string.Concat(names.Select(_ => " --- |"))}");
            foreach (var (at, rss) in MemoryReport.Table(report.Memory, names))
            {
                md.AppendLine($"| {Numbers.Plain(Math.Round(at))} | {report.PhaseAt(at)} | {string.Join(" | ", rss.Select(r => r is { } v ? Mib(v) : ""))} |");
            }
        }

        return md.ToString();
    }

    private static string FloorNote(ScenarioVerdict v) =>
        v.Floor is { } f ? $", floor p99 {Numbers.Ms(f.Summary.P99Ms)} ms{(f.LimitMs is { } limit ? $", relative limit {Numbers.Ms(limit)} ms" : "")}" : "";

    /// <summary>The floor's p50 / p99 and the relative gate's verdict, or dashes for a scenario without a floor.</summary>
    internal static (string Floor, string Relative) FloorCells(ScenarioVerdict v) => v.Floor switch
    {
        null => ("—", "—"),
        { Failure: { } failure, LimitMs: null } => ($"{Numbers.Ms(v.Floor.Summary.P50Ms)} / {Numbers.Ms(v.Floor.Summary.P99Ms)}", $"✗ {failure}"),
        { Gate: null } f => ($"{Numbers.Ms(f.Summary.P50Ms)} / {Numbers.Ms(f.Summary.P99Ms)}", "—"),
        var f => ($"{Numbers.Ms(f.Summary.P50Ms)} / {Numbers.Ms(f.Summary.P99Ms)}",
            $"p99 ≤ {f.Gate!.FloorFactor:0.##} × floor + {Numbers.Ms(f.Gate.Allowance.TotalMilliseconds)} = {Numbers.Ms(f.LimitMs!.Value)}{(f.Passed ? "" : " ✗")}"),
    };

    private static string Mib(double value) => Numbers.Plain(Math.Round(value, 1));

    private static string Row(ScenarioVerdict v)
    {
        if (v.Summary is not { } s)
        {
            return $"| {v.Settings.Name} | — | — | — | — | — | — | — | — | — | — | — | — | {v.Status} | — |";
        }

        var gate = HardGates.HasLatencyGate(v.Settings.Gate)
            ? $"p99 < {Numbers.Ms(v.GateP99Ms)} ({v.Settings.Gate.ToString().ToLowerInvariant()}){(v.LatencyGatePassed ? "" : " ✗")}"
            : "errors only";
        var errors = $"{s.Errors} ({Numbers.Percent(s.ErrorRate)}){(v.ErrorGatePassed ? "" : " ✗")}";
        var target = v.Settings.Target is { } t ? $"p99 ≤ {Numbers.Ms(t.P99.TotalMilliseconds)}: {(v.TargetPassed == true ? "met" : "not met")}" : "—";
        var (floor, relative) = FloorCells(v);
        return $"| {v.Settings.Name} | {Numbers.Rate(v.Settings.Rate)} | {Numbers.Rate(v.AchievedRate)} | {s.Requests} | {Numbers.Ms(s.P50Ms)} | {Numbers.Ms(s.P90Ms)} | " +
            $"{Numbers.Ms(s.P99Ms)} | {Numbers.Ms(s.P999Ms)} | {Numbers.Ms(s.MaxMs)} | {errors} | {floor} | {gate} | {relative} | {v.Status} | {target} |";
    }
}
