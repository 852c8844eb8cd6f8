namespace QrAspire.LoadTests.Config;

/// <summary>The plan's three latency alert lines: redirect p99 &lt; 100 ms, request p99 &lt; 1 s, generation p99 &lt; 2 s.</summary>
public enum GateKind
{
    Redirect,
    Request,
    Generation,
}
