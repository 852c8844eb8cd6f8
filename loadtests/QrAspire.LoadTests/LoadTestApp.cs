using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Gates;
using QrAspire.LoadTests.Harness;
using QrAspire.LoadTests.Reports;
using QrAspire.LoadTests.Scenarios;

namespace QrAspire.LoadTests;

/// <summary>
/// One run: validate everything (profile, targets, what each scenario needs) before any load, seed, run the enabled
/// scenarios in profile order, judge them, write the reports. Exit code 0 = every hard gate passed, 1 = a gate failed,
/// 2 = refused (bad profile or command line) or the system could not be seeded.
/// </summary>
public static class LoadTestApp
{
    public const int Passed = 0, GateFailed = 1, Refused = 2;

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(args, output, RunEnvironment.Real, cancellationToken);

    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, RunEnvironment environment, CancellationToken cancellationToken)
    {
        RunOptions options;
        LoadProfile profile;
        try
        {
            options = RunOptions.Parse(args);
            profile = ProfileLoader.Load(options.Config);
            if (options.Api is null && options.Redirector is null)
            {
                throw new ProfileException(["no target: give --api and/or --redirector"]);
            }
        }
        catch (ProfileException refused)
        {
            foreach (var problem in refused.Problems)
            {
                await output.WriteLineAsync($"refused: {problem}");
            }

            return Refused;
        }

        var started = DateTimeOffset.UtcNow;
        var clock = environment.NewClock();
        using var http = LoadHttpClient.Create(environment.NewHandler(profile.MaxInFlight));
        // Sampled from before seeding, so the memory chart starts from the services' resting size.
        await using var memory = profile.MemorySampleInterval is { } interval && options.Rss.Count > 0 ? new MemorySampler(options.Rss, interval, clock) : null;
        var phases = new List<RunPhase> { new("seeding", 0) };
        SeedData seed;
        try
        {
            seed = options.CodesFile is not null ? SeedData.FromCodesFile(options.CodesFile)
                : options.Api is not null ? await new ApiSeeder(http, options.Api, output).SeedAsync(profile.Codes, ScanLagRequests(profile), cancellationToken)
                : throw new ProfileException(["no codes: give --api to seed through it, or --codes-file"]);
        }
        catch (Exception exception) when (exception is ProfileException or HttpRequestException or IOException or KeyNotFoundException)
        {
            await output.WriteLineAsync($"refused: {exception.Message}");
            return Refused;
        }

        if (options.SaveCodes is not null)
        {
            await seed.SaveShortCodesAsync(options.SaveCodes);
        }

        var scanLagDeadline = profile.Gates.ScanLagP99 > profile.RequestTimeout ? profile.Gates.ScanLagP99 : profile.RequestTimeout;
        var requests = new ScenarioRequests(http, options.Api, options.Redirector, seed, profile.RequestTimeout, scanLagDeadline);
        var verdicts = new List<ScenarioVerdict>();
        foreach (var scenario in profile.Scenarios)
        {
            if (scenario.Enabled)
            {
                phases.Add(new RunPhase(scenario.Name, clock.Elapsed.TotalSeconds));
            }

            verdicts.Add(await RunScenarioAsync(scenario, profile, requests, environment.NewClock, output, cancellationToken));
        }

        var report = new RunReport(profile, started, clock.Elapsed, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            options.Api, options.Redirector, seed.Codes.Count, verdicts, memory?.Samples ?? [], phases);
        var folder = options.Out ?? Path.Combine("loadtests", "runs", $"{profile.Name}-{started:yyyyMMdd-HHmmss}");
        await ReportWriter.WriteAsync(report, folder);
        await output.WriteLineAsync();
        await output.WriteAsync(MarkdownReport.Render(report));
        await output.WriteLineAsync($"{Environment.NewLine}reports: {Path.GetFullPath(folder)}/summary.md, report.json, report.html");
        await output.WriteLineAsync($"load test {profile.Name}: {(report.Passed ? "PASS" : "FAIL")}");
        return report.Passed ? Passed : GateFailed;
    }

    /// <summary>How many fresh codes scan-lag needs: one per scheduled request, warm-up included.</summary>
    private static long ScanLagRequests(LoadProfile profile) =>
        profile.Scenarios.FirstOrDefault(s => s.Enabled && s.Name == ScenarioName.ScanLag)?.Schedule(profile.MaxInFlight).TotalRequests ?? 0;

    private static async Task<ScenarioVerdict> RunScenarioAsync(ScenarioSettings scenario, LoadProfile profile, ScenarioRequests requests, Func<IClock> newClock,
        TextWriter output, CancellationToken cancellationToken)
    {
        var clock = newClock();
        if (!scenario.Enabled)
        {
            await output.WriteLineAsync($"{scenario.Name}: not run: {scenario.DisabledReason}");
            return GateEvaluator.NotRun(scenario, profile.Gates);
        }

        if (requests.Missing(scenario.Name) is { } missing)
        {
            var skipped = scenario with { Enabled = false, DisabledReason = $"needs {missing}" };
            await output.WriteLineAsync($"{scenario.Name}: not run: needs {missing}");
            return GateEvaluator.NotRun(skipped, profile.Gates);
        }

        await output.WriteLineAsync($"{scenario.Name}: {scenario.Rate} req/s, warm-up {scenario.Warmup.TotalSeconds} s, {scenario.Duration.TotalSeconds} s measured");
        var verdict = await MeasureAsync(scenario, profile, requests, clock, output, cancellationToken);
        if (verdict.LatencyGatePassed || !verdict.ErrorGatePassed || scenario.Gate == GateKind.ScanLag)
        {
            return verdict;
        }

        // A latency gate fails the run only when a second measurement right after misses it too, as an alert fires
        // only when its condition holds for a while: one stall of a few hundred milliseconds on two shared cores
        // (a neighbour's burst, a GC in the harness) is a few percent of a short scenario and moves its p99, while a
        // regression misses both. The report keeps both measurements. Errors are never measured twice, nor is scan-lag
        // (its codes are scanned once each, and its gate is a minute).
        await output.WriteLineAsync($"{scenario.Name}: p99 {verdict.Summary!.P99Ms:F1} ms missed the {verdict.GateP99Ms:F0} ms gate; measuring again to confirm");
        var confirmation = await MeasureAsync(scenario, profile, requests, newClock(), output, cancellationToken);
        return confirmation with { Unconfirmed = verdict };
    }

    private static async Task<ScenarioVerdict> MeasureAsync(ScenarioSettings scenario, LoadProfile profile, ScenarioRequests requests, IClock clock,
        TextWriter output, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        await using (new ProgressLine(output, scenario.Name, recorder, clock, scenario.Warmup))
        {
            await new OpenModelScheduler(clock, scenario.Schedule(profile.MaxInFlight)).RunAsync(requests.For(scenario, clock), recorder, cancellationToken);
        }

        return GateEvaluator.Judge(scenario, recorder.Summarize(), profile.Gates);
    }
}
