using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Gates;

/// <summary>
/// Holds a scenario's numbers against the hard gates (p99 under the alert line for its kind, error rate under
/// the limit) and, separately, against our own target, which is reported but never fails the run: on two shared
/// cores it measures the machine as much as the code.
/// </summary>
public static class GateEvaluator
{
    public static ScenarioVerdict Judge(ScenarioSettings scenario, LatencySummary summary, HardGates gates)
    {
        var gateMs = gates.P99For(scenario.Gate).TotalMilliseconds;
        var rate = scenario.Duration > TimeSpan.Zero ? summary.Requests / scenario.Duration.TotalSeconds : 0;
        return new ScenarioVerdict(
            scenario,
            summary,
            rate,
            gateMs,
            LatencyGatePassed: summary.P99Ms < gateMs,
            ErrorGatePassed: summary.ErrorRate < gates.ErrorRate || (gates.ErrorRate == 0 && summary.Errors == 0),
            TargetPassed: scenario.Target is { } target ? summary.P99Ms <= target.P99.TotalMilliseconds : null);
    }

    public static ScenarioVerdict NotRun(ScenarioSettings scenario, HardGates gates) =>
        new(scenario, null, 0, gates.P99For(scenario.Gate).TotalMilliseconds, true, true, null);
}
