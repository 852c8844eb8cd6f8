namespace QrAspire.LoadTests.Harness;

/// <summary>
/// What one request came back with: success, or the reason it failed (a status code, a timeout…). A refusal the
/// system is meant to give under overload (503 with <c>Retry-After</c>) is not a failure: it counts as answered, and
/// apart by <see cref="Refusal"/>, so a run shows how much was refused.
/// </summary>
public readonly record struct RequestOutcome(bool Success, string? Failure = null, string? Refusal = null)
{
    public static readonly RequestOutcome Ok = new(true);

    public static RequestOutcome Failed(string reason) => new(false, reason);

    public static RequestOutcome Refused(string reason) => new(true, null, reason);
}
