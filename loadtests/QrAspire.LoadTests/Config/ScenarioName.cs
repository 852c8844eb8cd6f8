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

    // The hostile side (loadtests/README.md, "Abuse and slow clients"): run beside the redirect scenarios in a group.
    public const string Health = "health";
    public const string RenderAnonymous = "render-anonymous";
    public const string RenderSignedIn = "render-signed-in";
    public const string Bulk = "bulk";
    public const string IdleConnections = "idle-connections";
    public const string SlowHeaders = "slow-headers";
    public const string SlowBodies = "slow-bodies";

    /// <summary>The traffic of people using the system: what the ci, full and soak profiles run.</summary>
    public static readonly IReadOnlyList<string> Traffic = [RedirectHit, RedirectMiss, ApiRead, CreateRender, AnalyticsQuery, ScanLag, Mixed];

    public static readonly IReadOnlyList<string> All = [.. Traffic, Health, RenderAnonymous, RenderSignedIn, Bulk, IdleConnections, SlowHeaders, SlowBodies];

    /// <summary>Scenarios that hold raw connections to one Redirector replica (<c>--redirector-replica</c>, else <c>--redirector</c>).</summary>
    public static bool IsHostileConnection(string name) => name is IdleConnections or SlowHeaders or SlowBodies;

    /// <summary>Which alert line applies when the profile does not say.</summary>
    public static GateKind DefaultGate(string name) => name switch
    {
        RedirectHit or RedirectMiss => GateKind.Redirect,
        CreateRender => GateKind.Generation,
        ScanLag => GateKind.ScanLag,
        Health => GateKind.Health,
        RenderAnonymous or RenderSignedIn or Bulk or IdleConnections or SlowHeaders or SlowBodies => GateKind.None,
        _ => GateKind.Request,
    };
}
