namespace QrAspire.LoadTests.Harness;

/// <summary>What one request came back with: success, or the reason it failed (a status code, a timeout…).</summary>
public readonly record struct RequestOutcome(bool Success, string? Failure = null)
{
    public static readonly RequestOutcome Ok = new(true);

    public static RequestOutcome Failed(string reason) => new(false, reason);
}
