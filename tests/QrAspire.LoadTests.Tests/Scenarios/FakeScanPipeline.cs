using System.Collections.Concurrent;
using System.Net;
using System.Text;
using QrAspire.LoadTests.Tests.Harness;

namespace QrAspire.LoadTests.Tests.Scenarios;

/// <summary>
/// A Redirector and an Api in memory (an HttpMessageHandler, no sockets), answering synchronously on the harness's
/// virtual clock. A redirect of a code takes <c>redirectTime</c> of the clock (when <c>isSlow</c> is given, only the
/// n-th redirects it picks, counting from 1; the others take none) and is counted in
/// <c>/api/v1/qr-codes/{id}/analytics</c> (id = short code) from the <c>visibleAtPoll</c>-th analytics request for that
/// code on (null: never). Analytics requests must carry the API key and a from/to/includeBots=true query, as the real
/// Api needs. It also answers the seeding calls (register, API key, create code) so the whole harness can run on it.
/// </summary>
internal sealed class FakeScanPipeline(InstantClock clock, int? visibleAtPoll, TimeSpan redirectTime = default, int analyticsStatus = 200,
    Func<int, bool>? isSlow = null)
    : HttpMessageHandler
{
    public const string ApiKey = "qa_test_key";

    public static readonly Uri Url = new("http://127.0.0.1:5099/");

    private readonly ConcurrentDictionary<string, int> _pollsByCode = new(StringComparer.Ordinal);
    private int _polls;
    private int _created;
    private int _redirects;

    /// <summary>How many codes the harness created through the fake Api.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>How many distinct codes were redirected.</summary>
    public int Redirected => _pollsByCode.Count;

    /// <summary>How many redirects were answered in all.</summary>
    public int Redirects => Volatile.Read(ref _redirects);

    /// <summary>How many analytics requests were answered.</summary>
    public int Polls => Volatile.Read(ref _polls);

    public bool WasRedirected(string code) => _pollsByCode.ContainsKey(code);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        return (request.Method.Method, path) switch
        {
            ("POST", ["api", "v1", "auth", "register"]) => Json("""{"tokens":{"accessToken":"token"}}"""),
            ("POST", ["api", "v1", "api-keys"]) => Json($$"""{"key":"{{ApiKey}}"}"""),
            ("POST", ["api", "v1", "qr-codes"]) => CreateCode(),
            ("GET", ["api", "v1", "qr-codes", var id, "analytics"]) => Analytics(id, request),
            ("GET", [var code]) => Redirect(code),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private HttpResponseMessage CreateCode()
    {
        var code = $"c{Interlocked.Increment(ref _created)}";
        return Json($$"""{"id":"{{code}}","name":"load","type":"dynamic","shortCode":"{{code}}","status":"active","tags":[],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","version":1,"imageUrl":"/api/v1/qr-codes/{{code}}/image.png"}""", HttpStatusCode.Created);
    }

    private HttpResponseMessage Redirect(string code)
    {
        var n = Interlocked.Increment(ref _redirects);
        if (isSlow?.Invoke(n) ?? true)
        {
            clock.Spend(redirectTime);
        }

        _pollsByCode.TryAdd(code, 0);
        var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri($"https://example.com/{code}");
        return response;
    }

    private HttpResponseMessage Analytics(string id, HttpRequestMessage request)
    {
        Interlocked.Increment(ref _polls);
        if (!request.Headers.TryGetValues("X-Api-Key", out var keys) || keys.Single() != ApiKey)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        var query = request.RequestUri!.Query;
        if (!query.Contains("from=", StringComparison.Ordinal) || !query.Contains("to=", StringComparison.Ordinal)
            || !query.Contains("includeBots=true", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }

        if (analyticsStatus != 200)
        {
            return new HttpResponseMessage((HttpStatusCode)analyticsStatus);
        }

        // A code never redirected is never visible; a redirected one from its visibleAtPoll-th poll on.
        var visible = visibleAtPoll is { } at && _pollsByCode.TryGetValue(id, out _) && _pollsByCode.AddOrUpdate(id, 1, (_, n) => n + 1) >= at;
        return Json($$$"""{"totals":{"scans":{{{(visible ? 1 : 0)}}},"uniqueScanners":0}}""");
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
