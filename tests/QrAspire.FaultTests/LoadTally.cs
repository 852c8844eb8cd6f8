using System.Collections.Concurrent;
using System.Net;

namespace QrAspire.FaultTests;

/// <summary>
/// What a load loop saw, per kind of request: answers by status, connection failures, and every answer the system
/// must never give (a 5xx other than a 503 problem+json with <c>Retry-After</c>), kept with what made it wrong.
/// </summary>
internal sealed class LoadTally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Forbidden { get; } = new();

    public long Requests => _counts.Where(c => !c.Key.EndsWith(" failed", StringComparison.Ordinal)).Sum(c => c.Value);

    public long Count(string what, int status) => _counts.GetValueOrDefault($"{what} {status}");

    public long Count(string what) => _counts.Where(c => c.Key.StartsWith(what + " ", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Every 5xx answer, any kind.</summary>
    public long ServerErrors => _counts.Where(c => c.Key.Split(' ')[^1] is ['5', _, _]).Sum(c => c.Value);

    public void Failed(string what) => _counts.AddOrUpdate($"{what} failed", 1, (_, n) => n + 1);

    /// <summary>Counts the answer; a 5xx that is not a 503 problem+json with Retry-After is also kept as forbidden.</summary>
    public void Answered(string what, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        _counts.AddOrUpdate($"{what} {status}", 1, (_, n) => n + 1);
        if (status < 500)
        {
            return;
        }

        var problem = response.Content.Headers.ContentType?.MediaType == ProblemTypes.ContentType;
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || !problem || response.Headers.RetryAfter is null)
        {
            Forbidden.Enqueue($"{what}: {status} {response.Content.Headers.ContentType?.MediaType ?? "(no body type)"}{(response.Headers.RetryAfter is null ? ", no Retry-After" : "")}");
        }
    }

    public override string ToString() => string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"));
}
