namespace QrAspire.LoadTests.Config;

/// <summary>Turns a <see cref="ProfileFile"/> into a <see cref="LoadProfile"/>, collecting every problem, one line each.</summary>
internal static class ProfileValidator
{
    public static LoadProfile Validate(ProfileFile file, string name)
    {
        var problems = new List<string>();
        var maxInFlight = file.MaxInFlight ?? 256;
        if (maxInFlight <= 0)
        {
            problems.Add($"maxInFlight: must be positive, got {maxInFlight}");
        }

        var codes = file.Codes ?? 1000;
        if (codes <= 0)
        {
            problems.Add($"codes: must be positive, got {codes}");
        }

        var timeout = Duration("requestTimeout", file.RequestTimeout ?? "10s", problems, allowZero: false);
        TimeSpan? memoryInterval = file.MemorySampleInterval is null ? null : Duration("memorySampleInterval", file.MemorySampleInterval, problems, allowZero: false);

        var gatesFile = file.HardGates ?? new HardGatesFile(null, null, null, null, null, null);
        var gates = new HardGates(
            Duration("hardGates.redirectP99", gatesFile.RedirectP99 ?? "100ms", problems, allowZero: false),
            Duration("hardGates.requestP99", gatesFile.RequestP99 ?? "1s", problems, allowZero: false),
            Duration("hardGates.generationP99", gatesFile.GenerationP99 ?? "2s", problems, allowZero: false),
            Duration("hardGates.scanLagP99", gatesFile.ScanLagP99 ?? "60s", problems, allowZero: false),
            ErrorRate(gatesFile.ErrorRate ?? "0.1%", problems))
        {
            HealthP99 = Duration("hardGates.healthP99", gatesFile.HealthP99 ?? "250ms", problems, allowZero: false),
        };

        var scenarios = new List<ScenarioSettings>();
        if (file.Scenarios is not { Count: > 0 })
        {
            problems.Add("scenarios: none given");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < file.Scenarios.Count; i++)
            {
                if (ValidateScenario(file.Scenarios[i], i, problems) is { } scenario)
                {
                    if (!seen.Add(scenario.Name))
                    {
                        problems.Add($"scenarios[{i}]: '{scenario.Name}' appears twice");
                    }

                    scenarios.Add(scenario);
                }
            }

            // A group runs at once, so its scenarios stand together in the profile: one name, one place.
            var groups = scenarios.Select((s, i) => (s.Group, i)).Where(g => g.Group is not null).GroupBy(g => g.Group!);
            foreach (var group in groups.Where(g => g.Last().i - g.First().i + 1 != g.Count()))
            {
                problems.Add($"group '{group.Key}': its scenarios must follow one another in the profile");
            }
        }

        if (problems.Count > 0)
        {
            throw new ProfileException([.. problems.Select(p => $"profile {name}: {p}")]);
        }

        return new LoadProfile(name, file.Description ?? name, maxInFlight, timeout, codes, gates, memoryInterval, scenarios);
    }

    private static ScenarioSettings? ValidateScenario(ScenarioFile scenario, int index, List<string> problems)
    {
        var where = $"scenarios[{index}]";
        if (scenario.Name is null || !ScenarioName.All.Contains(scenario.Name))
        {
            problems.Add($"{where}: unknown scenario '{scenario.Name}'; known: {string.Join(", ", ScenarioName.All)}");
            return null;
        }

        where = $"scenario {scenario.Name}";
        var gate = ScenarioName.DefaultGate(scenario.Name);
        if (scenario.Gate is not null && (!Enum.TryParse(scenario.Gate, ignoreCase: true, out gate) || !Enum.IsDefined(gate)))
        {
            problems.Add($"{where}: gate '{scenario.Gate}' is not one of redirect, request, generation, scanlag, health, none");
        }

        if (scenario.Enabled == false)
        {
            if (string.IsNullOrWhiteSpace(scenario.Reason))
            {
                problems.Add($"{where}: disabled without a reason (give \"reason\")");
            }

            return new ScenarioSettings(scenario.Name, false, scenario.Reason, 0, TimeSpan.Zero, TimeSpan.Zero, 0, gate, null);
        }

        if (scenario.Rate is not { } rate || !double.IsFinite(rate) || rate <= 0)
        {
            problems.Add($"{where}: rate must be a positive number of requests per second, got {scenario.Rate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        var warmup = Duration($"{where}: warmup", scenario.Warmup ?? "0s", problems, allowZero: true);
        var duration = Duration($"{where}: duration", scenario.Duration, problems, allowZero: false);
        var maxRequests = scenario.MaxRequests ?? long.MaxValue;
        if (maxRequests <= 0)
        {
            problems.Add($"{where}: maxRequests must be positive, got {maxRequests}");
        }

        OwnTarget? target = null;
        if (scenario.Target is { } targetFile)
        {
            target = new OwnTarget(Duration($"{where}: target.p99", targetFile.P99, problems, allowZero: false), targetFile.Description ?? "");
        }

        // Polling the analytics faster than this would load the Api more than the scans being waited for.
        var pollInterval = TimeSpan.Zero;
        if (scenario.Name == ScenarioName.ScanLag)
        {
            pollInterval = Duration($"{where}: pollInterval", scenario.PollInterval ?? "25ms", problems, allowZero: false);
            if (pollInterval > TimeSpan.Zero && pollInterval < TimeSpan.FromMilliseconds(5))
            {
                problems.Add($"{where}: pollInterval must be at least 5ms, got '{scenario.PollInterval}'");
            }
        }
        else if (scenario.Name == ScenarioName.Bulk)
        {
            pollInterval = Duration($"{where}: pollInterval", scenario.PollInterval ?? "500ms", problems, allowZero: false);
        }
        else if (scenario.PollInterval is not null)
        {
            problems.Add($"{where}: pollInterval applies only to {ScenarioName.ScanLag} and {ScenarioName.Bulk}");
        }

        RelativeGate? relative = null;
        if (scenario.RelativeGate is { } relativeFile)
        {
            if (scenario.Name is not (ScenarioName.RedirectHit or ScenarioName.RedirectMiss))
            {
                problems.Add($"{where}: relativeGate applies only to {ScenarioName.RedirectHit} and {ScenarioName.RedirectMiss} (the scenarios measured beside the floor)");
            }

            if (relativeFile.FloorFactor is not { } factor || !double.IsFinite(factor) || factor < 1)
            {
                problems.Add($"{where}: relativeGate.floorFactor must be a number of at least 1, got {relativeFile.FloorFactor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }

            relative = new RelativeGate(relativeFile.FloorFactor ?? 0, Duration($"{where}: relativeGate.allowance", relativeFile.Allowance ?? "0ms", problems, allowZero: true));
        }

        if (scenario.Group is { } group && string.IsNullOrWhiteSpace(group))
        {
            problems.Add($"{where}: group must be a name");
        }

        if (scenario.MaxInFlight is <= 0)
        {
            problems.Add($"{where}: maxInFlight must be positive, got {scenario.MaxInFlight}");
        }

        var render = ValidateRender(scenario, where, problems);
        var bulk = ValidateBulk(scenario, where, problems);
        TimeSpan hold = default, trickle = default;
        if (scenario.Name is ScenarioName.SlowHeaders or ScenarioName.SlowBodies)
        {
            hold = Duration($"{where}: hold", scenario.Hold ?? "30s", problems, allowZero: false);
            trickle = Duration($"{where}: trickle", scenario.Trickle ?? "1s", problems, allowZero: false);
        }
        else if (scenario.Hold is not null || scenario.Trickle is not null)
        {
            problems.Add($"{where}: hold and trickle apply only to {ScenarioName.SlowHeaders} and {ScenarioName.SlowBodies}");
        }

        return new ScenarioSettings(scenario.Name, true, null, scenario.Rate ?? 0, warmup, duration, maxRequests, gate, target, pollInterval, relative,
            scenario.Group, scenario.MaxInFlight, render, bulk, hold, trickle);
    }

    private static readonly string[] RenderFormats = ["png", "svg", "pdf", "eps", "jpeg", "jpg", "webp"];

    private static RenderShape? ValidateRender(ScenarioFile scenario, string where, List<string> problems)
    {
        var defaults = scenario.Name switch
        {
            ScenarioName.RenderAnonymous => RenderShape.AnonymousMaximum,
            ScenarioName.RenderSignedIn => RenderShape.Maximum,
            _ => null,
        };
        if (defaults is null)
        {
            if (scenario.Render is not null)
            {
                problems.Add($"{where}: render applies only to {ScenarioName.RenderAnonymous} and {ScenarioName.RenderSignedIn}");
            }

            return null;
        }

        var file = scenario.Render ?? new RenderFile(null, null, null);
        var shape = new RenderShape(file.Size ?? defaults.Size, file.Format ?? defaults.Format, file.Modules ?? defaults.Modules);
        if (shape.Size is < 64 or > 4096)
        {
            problems.Add($"{where}: render.size must be from 64 to 4096 px, got {shape.Size}");
        }

        if (!RenderFormats.Contains(shape.Format))
        {
            problems.Add($"{where}: render.format '{shape.Format}' is not one of {string.Join(", ", RenderFormats)}");
        }

        return shape;
    }

    private static BulkShape? ValidateBulk(ScenarioFile scenario, string where, List<string> problems)
    {
        if (scenario.Name != ScenarioName.Bulk)
        {
            if (scenario.Bulk is not null)
            {
                problems.Add($"{where}: bulk applies only to {ScenarioName.Bulk}");
            }

            return null;
        }

        var file = scenario.Bulk ?? new BulkFile(null, null, null, null);
        var shape = new BulkShape(file.Accounts ?? 5, file.Rows ?? 20, file.Format ?? "png", Duration($"{where}: bulk.timeout", file.Timeout ?? "120s", problems, allowZero: false));
        if (shape.Accounts is < 1 or > 100)
        {
            problems.Add($"{where}: bulk.accounts must be from 1 to 100, got {shape.Accounts}");
        }

        if (shape.Rows is < 1 or > 10_000)
        {
            problems.Add($"{where}: bulk.rows must be from 1 to 10000, got {shape.Rows}");
        }

        if (!RenderFormats.Contains(shape.Format))
        {
            problems.Add($"{where}: bulk.format '{shape.Format}' is not one of {string.Join(", ", RenderFormats)}");
        }

        return shape;
    }

    private static TimeSpan Duration(string what, string? text, List<string> problems, bool allowZero)
    {
        if (!ThresholdText.TryParseDuration(text, out var value) || value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            problems.Add($"{what}: '{text}' is not a {(allowZero ? "" : "positive ")}duration (e.g. 250us, 100ms, 1.5s, 10m)");
        }

        return value;
    }

    private static double ErrorRate(string text, List<string> problems)
    {
        if (!ThresholdText.TryParsePercent(text, out var value))
        {
            problems.Add($"hardGates.errorRate: '{text}' is not a percentage between 0% and 100% (e.g. 0.1%)");
        }

        return value;
    }
}
