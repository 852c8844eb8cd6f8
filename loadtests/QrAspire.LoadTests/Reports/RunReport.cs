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
    Uri? Floor = null,
    IReadOnlyDictionary<string, double>? Limits = null,
    IReadOnlyDictionary<string, double>? KernelPeaks = null)
{
    /// <summary>Memory limits by process (MiB, <c>--memory-limit</c>): a process above its limit fails the run.</summary>
    public IReadOnlyDictionary<string, double> MemoryLimits => Limits ?? new Dictionary<string, double>();

    /// <summary>
    /// Each limited process's peak against its limit: the highest sample, or the kernel's own peak (VmHWM, read at the
    /// end of the run) when that is higher, since a short spike falls between samples.
    /// </summary>
    public IReadOnlyList<MemoryCheck> MemoryChecks =>
    [
        .. MemoryLimits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(limit =>
        {
            var sampled = Memory.Where(m => m.Process == limit.Key).Select(m => m.RssMiB).DefaultIfEmpty(0).Max();
            var peak = Math.Max(sampled, KernelPeaks?.GetValueOrDefault(limit.Key) ?? 0);
            return new MemoryCheck(limit.Key, peak, limit.Value, peak > 0 && peak < limit.Value);
        }),
    ];

    /// <summary>What the run was doing at <paramref name="atSeconds"/> (seeding or a scenario's name).</summary>
    public string PhaseAt(double atSeconds) =>
        (Phases ?? []).Where(p => p.StartSeconds <= atSeconds).Select(p => p.Name).LastOrDefault() ?? "";

    public bool Passed => Scenarios.All(s => s.Passed) && MemoryChecks.All(c => c.Passed);
}

/// <summary>A process's peak resident memory against its limit; a process never measured (peak 0) fails.</summary>
public sealed record MemoryCheck(string Process, double PeakMiB, double LimitMiB, bool Passed);

/// <summary>When the run started seeding or a scenario, in seconds since it began (the memory samples' time axis).</summary>
public sealed record RunPhase(string Name, double StartSeconds);
