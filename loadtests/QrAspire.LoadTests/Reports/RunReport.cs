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
    IReadOnlyList<MemorySample> Memory)
{
    public bool Passed => Scenarios.All(s => s.Passed);
}
