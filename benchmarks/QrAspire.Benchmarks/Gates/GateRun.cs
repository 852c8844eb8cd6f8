using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace QrAspire.Benchmarks.Gates;

/// <summary>
/// <c>--gate [--formats PNG,SVG]</c>: runs <see cref="FormatBenchmarks"/> with a short job, prints each pair's
/// ratio beside its target and gate, and exits 1 with one line per failed ratio. A pair that fails is measured
/// once more and fails the run only when the second measurement fails too (both are printed), so one stall of
/// the shared machine during one benchmark does not fail CI.
/// </summary>
public static class GateRun
{
    /// <summary>
    /// Warm-ups and iterations of 100 ms each: ~2 s per benchmark, the suite's 14 in about a minute. Timed in the
    /// thread's CPU time (<see cref="ThreadCpuClock"/>), so other work on the machine shows up far less.
    /// </summary>
    public static Job ShortJob { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(9)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
        .WithEvaluateOverhead(false)
        .WithClock(ThreadCpuClock.Instance)
        .WithId("Gate");

    public static int Run(string[] args)
    {
        var formats = args.Length == 2 && args[0] == "--formats"
            ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : args.Length == 0 ? null : throw new ArgumentException("usage: --gate [--formats PNG,SVG,...]");
        var gates = RatioGates.All.Where(g => formats is null || formats.Contains(g.Format, StringComparer.OrdinalIgnoreCase)).ToList();
        if (gates.Count == 0)
        {
            Console.Error.WriteLine($"ratio gates: no pair named {string.Join(',', formats!)}; pairs are {string.Join(',', RatioGates.All.Select(g => g.Format))}");
            return 2;
        }

        var (verdicts, failures) = RatioGates.Evaluate(gates, Measure(gates));
        var confirmed = failures;
        if (failures.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("ratio gates: first measurement failed, measuring those pairs again:");
            failures.ToList().ForEach(f => Console.WriteLine("  " + f));
            var retry = gates.Where(g => failures.Any(f => f.StartsWith($"ratio gate {g.Format}:", StringComparison.Ordinal))).ToList();
            (var again, confirmed) = RatioGates.Evaluate(retry, Measure(retry));
            verdicts = [.. verdicts.Where(v => !retry.Contains(v.Pair)), .. again];
        }

        Console.WriteLine();
        Console.WriteLine("| format | ours | counterpart | ratio | target | gate |");
        Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: |");
        foreach (var v in verdicts.OrderBy(v => RatioGates.All.ToList().IndexOf(v.Pair)))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {v.Pair.Format} | {RatioGates.Micros(v.OursNanoseconds)} | {v.Pair.Counterpart} {RatioGates.Micros(v.CounterpartNanoseconds)} | {v.Ratio:0.00} | ≤ {v.Pair.Target:0.00}{(v.MeetsTarget ? " met" : " not met")} | ≤ {v.Pair.Gate:0.00}{(v.Passes ? " pass" : " FAIL")} |"));
        }

        Console.WriteLine();
        foreach (var failure in confirmed)
        {
            Console.WriteLine(failure);
        }

        Console.WriteLine(confirmed.Count == 0 ? $"ratio gates: PASS ({gates.Count} pairs)" : $"ratio gates: FAIL ({confirmed.Count} of {gates.Count} pairs)");
        return confirmed.Count == 0 ? 0 : 1;
    }

    private static Dictionary<string, double> Measure(IReadOnlyList<RatioGate> gates)
    {
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddJob(ShortJob)
            .AddFilter(new AnyCategoriesFilter([.. gates.Select(g => g.Format)]))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "qraspire-ratio-gates"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<FormatBenchmarks>(config);
        return Medians(summary);
    }

    private static Dictionary<string, double> Medians(Summary summary) =>
        summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), r => r.ResultStatistics!.Median);
}
