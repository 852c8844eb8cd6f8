namespace QrAspire.LoadTests.Config;

// The profile as written in JSON: strings for durations and thresholds so that ProfileValidator can say which value
// did not parse, in the profile's own words.
internal sealed record ProfileFile(
    string? Description,
    int? MaxInFlight,
    string? RequestTimeout,
    int? Codes,
    HardGatesFile? HardGates,
    string? MemorySampleInterval,
    IReadOnlyList<ScenarioFile>? Scenarios);

internal sealed record HardGatesFile(string? RedirectP99, string? RequestP99, string? GenerationP99, string? ScanLagP99, string? ErrorRate, string? HealthP99 = null);

internal sealed record ScenarioFile(
    string? Name,
    bool? Enabled,
    string? Reason,
    double? Rate,
    string? Warmup,
    string? Duration,
    long? MaxRequests,
    string? Gate,
    TargetFile? Target,
    string? PollInterval,
    RelativeGateFile? RelativeGate,
    string? Group = null,
    int? MaxInFlight = null,
    RenderFile? Render = null,
    BulkFile? Bulk = null,
    string? Hold = null,
    string? Trickle = null);

internal sealed record RenderFile(int? Size, string? Format, string? Modules);

internal sealed record BulkFile(int? Accounts, int? Rows, string? Format, string? Timeout);

internal sealed record RelativeGateFile(double? FloorFactor, string? Allowance);

internal sealed record TargetFile(string? P99, string? Description);
