using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Gates;

/// <summary>
/// One scenario's result and what the gates make of it. Summary is null when the scenario did not run.
/// <see cref="Unconfirmed"/> is the first measurement when it missed its latency gate and this one was taken to confirm it.
/// </summary>
public sealed record ScenarioVerdict(
    ScenarioSettings Settings,
    LatencySummary? Summary,
    double AchievedRate,
    double GateP99Ms,
    bool LatencyGatePassed,
    bool ErrorGatePassed,
    bool? TargetPassed,
    ScenarioVerdict? Unconfirmed = null)
{
    public bool Ran => Summary is not null;

    /// <summary>A scenario that did not run neither passes nor fails the run.</summary>
    public bool Passed => !Ran || (LatencyGatePassed && ErrorGatePassed);

    public string Status => !Ran ? $"not run: {Settings.DisabledReason}" : Passed ? "pass" : "FAIL";
}
