using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.LoadTests.Reports;

/// <summary>report.json: the same numbers for machines (dashboards, trend scripts). Durations in milliseconds.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Render(RunReport report) => JsonSerializer.Serialize(new
    {
        profile = report.Profile.Name,
        report.Profile.Description,
        passed = report.Passed,
        startedAt = report.StartedAt,
        wallTimeSeconds = report.WallTime.TotalSeconds,
        report.Machine,
        api = report.Api?.ToString(),
        redirector = report.Redirector?.ToString(),
        floor = report.Floor?.ToString(),
        report.Codes,
        hardGates = new
        {
            redirectP99Ms = report.Profile.Gates.RedirectP99.TotalMilliseconds,
            requestP99Ms = report.Profile.Gates.RequestP99.TotalMilliseconds,
            generationP99Ms = report.Profile.Gates.GenerationP99.TotalMilliseconds,
            scanLagP99Ms = report.Profile.Gates.ScanLagP99.TotalMilliseconds,
            errorRate = report.Profile.Gates.ErrorRate,
        },
        scenarios = report.Scenarios.Select(v => new
        {
            name = v.Settings.Name,
            status = v.Status,
            ran = v.Ran,
            passed = v.Passed,
            rate = v.Ran ? v.Settings.Rate : (double?)null,
            achievedRate = v.Ran ? v.AchievedRate : (double?)null,
            gate = v.Settings.Gate.ToString().ToLowerInvariant(),
            gateP99Ms = v.GateP99Ms,
            latencyGatePassed = v.Ran ? v.LatencyGatePassed : (bool?)null,
            errorGatePassed = v.Ran ? v.ErrorGatePassed : (bool?)null,
            target = v.Settings.Target is { } t ? new { p99Ms = t.P99.TotalMilliseconds, t.Description, met = v.TargetPassed } : null,
            unconfirmed = v.Unconfirmed?.Summary is { } first ? new
            {
                first.Requests,
                first.Errors,
                first.P50Ms,
                first.P99Ms,
                first.P999Ms,
                first.MaxMs,
                floorP99Ms = v.Unconfirmed.Floor?.Summary.P99Ms,
                relativeLimitMs = v.Unconfirmed.Floor?.LimitMs,
            } : null,
            notRunFailure = v.NotRunFailure,
            floor = v.Floor is { } f ? new
            {
                f.Summary.Requests,
                f.Summary.Errors,
                f.Summary.P50Ms,
                f.Summary.P90Ms,
                f.Summary.P99Ms,
                f.Summary.P999Ms,
                f.Summary.MaxMs,
                f.Summary.SendLagP99Ms,
                f.Summary.Percentiles,
            } : null,
            relativeGate = v.Floor is { } g ? new
            {
                floorFactor = g.Gate?.FloorFactor,
                allowanceMs = g.Gate?.Allowance.TotalMilliseconds,
                limitMs = g.LimitMs,
                g.Passed,
                g.Failure,
            } : null,
            warmupSeconds = v.Settings.Warmup.TotalSeconds,
            durationSeconds = v.Settings.Duration.TotalSeconds,
            summary = v.Summary is { } s ? new
            {
                s.Requests,
                s.Succeeded,
                s.Failed,
                s.MissedSends,
                s.Errors,
                s.ErrorRate,
                s.P50Ms,
                s.P90Ms,
                s.P99Ms,
                s.P999Ms,
                s.MaxMs,
                s.SendLagP99Ms,
                s.Failures,
                s.Percentiles,
                s.Timeline,
            } : null,
        }),
        memory = report.Memory,
        phases = report.Phases,
    }, Options);
}
