using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Gates;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Reports;

/// <summary>Everything one run's reports show.</summary>
public sealed record RunReport(
    LoadProfile Profile,
    DateTimeOffset StartedAt,
    TimeSpan WallTime,
    string Machine,
    Uri? Api,
    Uri? Redirector,
    int Codes,
    IReadOnlyList<ScenarioVerdict> Scenarios,
    IReadOnlyList<MemorySample> Memory,
    IReadOnlyList<RunPhase>? Phases = null,
    Uri? Floor = null)
{
    /// <summary>What the run was doing at <paramref name="atSeconds"/> (seeding or a scenario's name).</summary>
    public string PhaseAt(double atSeconds) =>
        (Phases ?? []).Where(p => p.StartSeconds <= atSeconds).Select(p => p.Name).LastOrDefault() ?? "";

    public bool Passed => Scenarios.All(s => s.Passed);
}

/// <summary>When the run started seeding or a scenario, in seconds since it began (the memory samples' time axis).</summary>
public sealed record RunPhase(string Name, double StartSeconds);
