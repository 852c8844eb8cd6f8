using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Gates;

/// <summary>
/// Holds a scenario's numbers against the hard gates (p99 under the alert line for its kind, error rate under
/// the limit), against its relative gate (p99 within k × the floor's p99 + an allowance, both from the same run), and,
/// separately, against our own target, which is reported but never fails the run: on two shared cores it measures the
/// machine as much as the code.
/// </summary>
public static class GateEvaluator
{
    public static ScenarioVerdict Judge(ScenarioSettings scenario, LatencySummary summary, HardGates gates, LatencySummary? floor = null)
    {
        var gateMs = gates.P99For(scenario.Gate).TotalMilliseconds;
        var rate = scenario.Duration > TimeSpan.Zero ? summary.Requests / scenario.Duration.TotalSeconds : 0;
        return new ScenarioVerdict(
            scenario,
            summary,
            rate,
            gateMs,
            LatencyGatePassed: !HardGates.HasLatencyGate(scenario.Gate) || summary.P99Ms < gateMs,
            ErrorGatePassed: ErrorsWithin(summary, gates),
            TargetPassed: scenario.Target is { } target ? summary.P99Ms <= target.P99.TotalMilliseconds : null,
            Floor: floor is null ? null : JudgeFloor(scenario.RelativeGate, summary, floor, gates));
    }

    public static ScenarioVerdict NotRun(ScenarioSettings scenario, HardGates gates, string? failure = null) =>
        new(scenario, null, 0, gates.P99For(scenario.Gate).TotalMilliseconds, true, true, null, NotRunFailure: failure);

    private static FloorVerdict JudgeFloor(RelativeGate? gate, LatencySummary summary, LatencySummary floor, HardGates gates)
    {
        if (floor is { Succeeded: 0, Failed: 0 })
        {
            return new FloorVerdict(floor, gate, null, false, "the floor executed no requests");
        }

        if (!ErrorsWithin(floor, gates))
        {
            return new FloorVerdict(floor, gate, null, false, $"the floor had {floor.Errors} errors");
        }

        if (gate is null)
        {
            return new FloorVerdict(floor, null, null, true, null);
        }

        var limit = gate.LimitMs(floor.P99Ms);
        return summary.P99Ms <= limit
            ? new FloorVerdict(floor, gate, limit, true, null)
            : new FloorVerdict(floor, gate, limit, false, $"p99 {summary.P99Ms:F2} ms above {gate.FloorFactor:0.##} × floor p99 {floor.P99Ms:F2} ms + {gate.Allowance.TotalMilliseconds:0.##} ms = {limit:F2} ms");
    }

    private static bool ErrorsWithin(LatencySummary summary, HardGates gates) =>
        summary.ErrorRate < gates.ErrorRate || (gates.ErrorRate == 0 && summary.Errors == 0);
}
