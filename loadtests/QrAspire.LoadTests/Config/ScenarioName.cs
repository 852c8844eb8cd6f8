namespace QrAspire.LoadTests.Config;

/// <summary>The scenarios the harness knows; a profile naming any other is refused.</summary>
public static class ScenarioName
{
    public const string RedirectHit = "redirect-hit";
    public const string RedirectMiss = "redirect-miss";
    public const string ApiRead = "api-read";
    public const string CreateRender = "create-render";
    public const string AnalyticsQuery = "analytics-query";
    public const string ScanLag = "scan-lag";
    public const string Mixed = "mixed";

    public static readonly IReadOnlyList<string> All = [RedirectHit, RedirectMiss, ApiRead, CreateRender, AnalyticsQuery, ScanLag, Mixed];

    /// <summary>Which alert line applies when the profile does not say.</summary>
    public static GateKind DefaultGate(string name) => name switch
    {
        RedirectHit or RedirectMiss => GateKind.Redirect,
        CreateRender => GateKind.Generation,
        ScanLag => GateKind.ScanLag,
        _ => GateKind.Request,
    };
}
