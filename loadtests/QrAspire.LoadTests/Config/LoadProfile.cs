using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Config;

/// <summary>A validated load profile: every rate positive, every threshold parsed, every scenario known.</summary>
public sealed record LoadProfile(
    string Name,
    string Description,
    int MaxInFlight,
    TimeSpan RequestTimeout,
    int Codes,
    HardGates Gates,
    TimeSpan? MemorySampleInterval,
    IReadOnlyList<ScenarioSettings> Scenarios);

/// <summary>The hard gates: a run that misses one fails (exit code 1).</summary>
public sealed record HardGates(TimeSpan RedirectP99, TimeSpan RequestP99, TimeSpan GenerationP99, TimeSpan ScanLagP99, double ErrorRate)
{
    public TimeSpan P99For(GateKind kind) => kind switch
    {
        GateKind.Redirect => RedirectP99,
        GateKind.Generation => GenerationP99,
        GateKind.ScanLag => ScanLagP99,
        _ => RequestP99,
    };
}

/// <summary>
/// One scenario of a profile. Disabled scenarios carry the reason the report shows instead of numbers.
/// <see cref="PollInterval"/> is how often scan-lag asks the analytics whether its scan has arrived (zero elsewhere).
/// </summary>
public sealed record ScenarioSettings(
    string Name,
    bool Enabled,
    string? DisabledReason,
    double Rate,
    TimeSpan Warmup,
    TimeSpan Duration,
    long MaxRequests,
    GateKind Gate,
    OwnTarget? Target,
    TimeSpan PollInterval = default,
    RelativeGate? RelativeGate = null)
{
    /// <summary>The redirect scenarios are measured beside the floor (the bare app) when the run has one.</summary>
    public bool HasFloor => Name is ScenarioName.RedirectHit or ScenarioName.RedirectMiss;

    public ScheduleSettings Schedule(int maxInFlight) => new(Rate, Warmup, Duration, maxInFlight, MaxRequests);
}

/// <summary>
/// A gate relative to the floor measured in the same run at the same rate: the scenario's p99 must stay within
/// <see cref="FloorFactor"/> × the floor's p99 + <see cref="Allowance"/>. Like a hard gate it fails the run, and a miss
/// is measured again (floor and scenario) before it counts.
/// </summary>
public sealed record RelativeGate(double FloorFactor, TimeSpan Allowance)
{
    public double LimitMs(double floorP99Ms) => FloorFactor * floorP99Ms + Allowance.TotalMilliseconds;
}

/// <summary>Our own, stricter target (loadtests/README.md): reported pass/fail beside the gates, never failing the run.</summary>
public sealed record OwnTarget(TimeSpan P99, string Description);
