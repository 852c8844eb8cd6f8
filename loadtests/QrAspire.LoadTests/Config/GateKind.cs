namespace QrAspire.LoadTests.Config;

/// <summary>
/// The alert lines a scenario's p99 is held against (docs/operations/monitoring.md): redirect p99 &lt; 100 ms,
/// request p99 &lt; 1 s, generation p99 &lt; 2 s and, for scan-to-analytics lag, our own WorkerLag alert (scans
/// written more than a minute late).
/// </summary>
public enum GateKind
{
    Redirect,
    Request,
    Generation,
    ScanLag,

    /// <summary>The Api's readiness probe (<c>/health</c>) while the system is under abuse: p99 &lt; 250 ms by default.</summary>
    Health,

    /// <summary>No latency gate: the latency is reported, errors are gated (hostile clients, bulk jobs, refused renders).</summary>
    None,
}
