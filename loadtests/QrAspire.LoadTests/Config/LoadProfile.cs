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
    /// <summary>The Api's readiness probe under abuse (<see cref="GateKind.Health"/>).</summary>
    public TimeSpan HealthP99 { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether the scenario's p99 is held to a line at all (<see cref="GateKind.None"/>: reported only).</summary>
    public static bool HasLatencyGate(GateKind kind) => kind != GateKind.None;

    public TimeSpan P99For(GateKind kind) => kind switch
    {
        GateKind.Redirect => RedirectP99,
        GateKind.Generation => GenerationP99,
        GateKind.ScanLag => ScanLagP99,
        GateKind.Health => HealthP99,
        GateKind.None => TimeSpan.MaxValue,
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
    RelativeGate? RelativeGate = null,
    string? Group = null,
    int? MaxInFlight = null,
    RenderShape? Render = null,
    BulkShape? Bulk = null,
    TimeSpan Hold = default,
    TimeSpan Trickle = default)
{
    /// <summary>The redirect scenarios are measured beside the floor (the bare app) when the run has one.</summary>
    public bool HasFloor => Name is ScenarioName.RedirectHit or ScenarioName.RedirectMiss;

    public ScheduleSettings Schedule(int maxInFlight) => new(Rate, Warmup, Duration, MaxInFlight ?? maxInFlight, MaxRequests);
}

/// <summary>What a render scenario asks for: <c>style.size</c>, <c>format</c> and <c>style.modules</c>.</summary>
public sealed record RenderShape(int Size, string Format, string Modules)
{
    /// <summary>The most an anonymous caller may ask for by default (RENDER_ANONYMOUS_MAX_SIZE, RENDER_ANONYMOUS_FORMATS).</summary>
    public static readonly RenderShape AnonymousMaximum = new(1024, "png", "dots");

    /// <summary>
    /// The costliest render a signed-in caller gets from an Api under its 512 Mi limit: WebP with dots at the largest
    /// size its render budget admits (a quarter of the 384 MiB heap limit: 96 MiB, 20 B/px + 20 MiB → 1,996 px).
    /// Larger is refused with 400 <c>over_render_budget</c> before any work.
    /// </summary>
    public static readonly RenderShape Maximum = new(1990, "webp", "dots");
}

/// <summary>
/// The bulk scenario: request i submits one job of <see cref="Rows"/> codes in <see cref="Format"/> as account
/// i mod <see cref="Accounts"/>, then polls it until it completes; a job not done within <see cref="Timeout"/> fails.
/// </summary>
public sealed record BulkShape(int Accounts, int Rows, string Format, TimeSpan Timeout);

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
