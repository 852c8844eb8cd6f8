using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Gates;

/// <summary>
/// One scenario's result and what the gates make of it. Summary is null when the scenario did not run.
/// <see cref="Unconfirmed"/> is the first measurement when it missed a latency gate and this one was taken to confirm it.
/// <see cref="Floor"/> is the bare app measured at the same rate right before (redirect scenarios, when the run has one).
/// <see cref="NotRunFailure"/> is why an enabled scenario could not run: that fails the run.
/// </summary>
public sealed record ScenarioVerdict(
    ScenarioSettings Settings,
    LatencySummary? Summary,
    double AchievedRate,
    double GateP99Ms,
    bool LatencyGatePassed,
    bool ErrorGatePassed,
    bool? TargetPassed,
    ScenarioVerdict? Unconfirmed = null,
    FloorVerdict? Floor = null,
    string? NotRunFailure = null)
{
    public bool Ran => Summary is not null;

    /// <summary>At least one request was sent and answered (or failed): a scenario that executed none proves nothing.</summary>
    public bool Executed => Summary is { Succeeded: > 0 } or { Failed: > 0 };

    /// <summary>The hard latency gate and, when there is one, the relative gate: what a second measurement checks again.</summary>
    public bool LatencyGatesPassed => LatencyGatePassed && Floor?.Passed != false;

    /// <summary>A scenario disabled in the profile neither passes nor fails the run; an enabled one must run and pass.</summary>
    public bool Passed => Ran ? Executed && LatencyGatesPassed && ErrorGatePassed : NotRunFailure is null;

    public string Status => !Ran ? (NotRunFailure is { } why ? $"FAIL: not run: {why}" : $"not run: {Settings.DisabledReason}")
        : !Executed ? "FAIL: no requests executed"
        : Passed ? "pass" : "FAIL";
}

/// <summary>
/// The floor beside a scenario: the bare app through the same client at the same rate. <see cref="Gate"/> is the
/// scenario's relative gate (null: the floor is only reported) and <see cref="LimitMs"/> the p99 it allowed. The floor
/// fails its scenario when it executed no requests or had too many errors (a broken floor gates nothing), or when the
/// scenario's p99 is above the limit.
/// </summary>
public sealed record FloorVerdict(LatencySummary Summary, RelativeGate? Gate, double? LimitMs, bool Passed, string? Failure);
