using System.Net;
using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// The request each scenario sends for its i-th slot. Every request has its own timeout (scan-lag: the scan-lag gate);
/// an answer other than the expected status is a failure named by its status.
/// </summary>
public sealed class ScenarioRequests(HttpClient http, Uri? api, Uri? redirector, SeedData seed, TimeSpan timeout, TimeSpan scanLagDeadline)
{
    /// <summary>The abuse burst's Api requests (renders, /health, bulk jobs); set by <see cref="WithAbuse"/>.</summary>
    private AbuseRequests? _abuse;

    /// <summary>Raw connections for the slow-client scenarios; set by <see cref="WithAbuse"/>.</summary>
    private HostileConnections? _hostile;

    private Uri? _apiManagement;

    /// <summary>Enables the hostile-side scenarios: /health on <paramref name="apiManagement"/>, raw connections to <paramref name="replica"/>.</summary>
    public ScenarioRequests WithAbuse(Uri? apiManagement, Uri? replica, TextWriter log)
    {
        _apiManagement = apiManagement;
        _abuse = new AbuseRequests(http, api, apiManagement, seed.ApiKey, timeout, log);
        var target = replica ?? redirector;
        _hostile = target is null ? null : new HostileConnections(target, seed.Codes);
        return this;
    }

    /// <summary>What a scenario needs before its clock starts (the bulk scenario's accounts).</summary>
    public Task PrepareAsync(ScenarioSettings scenario, ApiSeeder? seeder, CancellationToken ct) =>
        scenario is { Name: ScenarioName.Bulk, Bulk: { } shape } && seeder is not null ? _abuse!.PrepareBulkAsync(scenario.Name, shape, seeder, ct) : Task.CompletedTask;

    /// <summary>Closes the idle connections the idle-connections scenario holds: at the end of its group.</summary>
    public ValueTask ReleaseHeldConnectionsAsync() => _hostile?.ReleaseAsync() ?? ValueTask.CompletedTask;

    /// <summary>Codes the miss scenario asks once each, in order; the hit scenario picks among all codes at random.</summary>
    private int _missCursor = -1;

    /// <summary>The requests of <paramref name="scenario"/>; <paramref name="clock"/> times the waits inside one (scan-lag's polls).</summary>
    public Func<long, CancellationToken, Task<RequestOutcome>> For(ScenarioSettings scenario, IClock clock) => scenario.Name switch
    {
        ScenarioName.RedirectHit => (_, ct) => RedirectAsync(RandomCode(), ct),
        ScenarioName.RedirectMiss => (_, ct) => RedirectAsync(NextUnaskedCode(), ct),
        ScenarioName.ApiRead => (i, ct) => i % 2 == 0 ? GetCodeAsync(ct) : ListCodesAsync(ct),
        ScenarioName.CreateRender => (i, ct) => CreateAndRenderAsync(i, ct),
        ScenarioName.Mixed => MixedAsync,
        // Mostly one code's report (the analytics target: one code's report ≤ 100 ms), every fourth the whole account's.
        ScenarioName.AnalyticsQuery => (i, ct) => i % 4 == 3 ? AnalyticsAsync(ApiSeeder.At(api!, ApiRoutes.Analytics), ct) : AnalyticsAsync(ApiSeeder.At(api!, ApiRoutes.QrCodeAnalytics, RandomCode().Id), ct),
        ScenarioName.ScanLag => ScanLag(scenario.PollInterval, clock),
        ScenarioName.Health => (_, ct) => _abuse!.HealthAsync(ct),
        ScenarioName.RenderAnonymous => (i, ct) => _abuse!.RenderAsync(i, scenario.Render!, signedIn: false, ct),
        ScenarioName.RenderSignedIn => (i, ct) => _abuse!.RenderAsync(i, scenario.Render!, signedIn: true, ct),
        ScenarioName.Bulk => (i, ct) => _abuse!.BulkAsync(scenario.Name, i, scenario.Bulk!, scenario.PollInterval, ct),
        ScenarioName.IdleConnections => _hostile!.IdleAsync,
        ScenarioName.SlowHeaders => (i, ct) => _hostile!.SlowHeadersAsync(i, scenario.Trickle, scenario.Hold, ct),
        ScenarioName.SlowBodies => (i, ct) => _hostile!.SlowBodyAsync(i, scenario.Trickle, scenario.Hold, ct),
        _ => throw new InvalidOperationException($"scenario {scenario} has no requests yet"),
    };

    /// <summary>
    /// Opens about <paramref name="count"/> connections to the Redirector (concurrent HEAD /alive, answers ignored), so
    /// that the measured requests find them open instead of paying a connect and a new Kestrel connection in the clock.
    /// </summary>
    public Task OpenRedirectConnectionsAsync(int count, CancellationToken ct)
    {
        var alive = new Uri(redirector!, "/alive");
        return Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Head, alive);
                using var response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException)
            {
                // Only the connection matters; a refused one is retried by the measured requests and counted there.
            }
        }));
    }

    /// <summary>What a scenario needs that this run lacks, or null when it can run.</summary>
    public string? Missing(string scenario) => scenario switch
    {
        ScenarioName.RedirectHit or ScenarioName.RedirectMiss => redirector is null ? "--redirector" : seed.Codes.Count == 0 ? "codes" : null,
        ScenarioName.Mixed => redirector is null || api is null || seed.ApiKey is null ? "--api and --redirector with seeded codes" : null,
        ScenarioName.Health => _apiManagement is null ? "--api-management" : null,
        ScenarioName.RenderAnonymous => api is null ? "--api" : null,
        ScenarioName.IdleConnections or ScenarioName.SlowHeaders or ScenarioName.SlowBodies => _hostile is null ? "--redirector or --redirector-replica" : seed.Codes.Count == 0 ? "codes" : null,
        ScenarioName.ScanLag => redirector is null || api is null || seed.ApiKey is null || seed.FreshCodes.Count == 0
            ? "--api and --redirector with fresh codes seeded through the Api" : null,
        _ => api is null || seed.ApiKey is null ? "--api (codes seeded through the Api)" : null,
    };

    // Close to real use: mostly people scanning, a little of their owners managing the codes.
    private Task<RequestOutcome> MixedAsync(long i, CancellationToken ct) => (i % 100) switch
    {
        < 90 => RedirectAsync(RandomCode(), ct),
        < 95 => GetCodeAsync(ct),
        < 98 => ListCodesAsync(ct),
        _ => CreateAndRenderAsync(i, ct),
    };

    private Func<long, CancellationToken, Task<RequestOutcome>> ScanLag(TimeSpan pollInterval, IClock clock)
    {
        var probe = new ScanLagProbe(http, api!, redirector!, seed.ApiKey!, pollInterval, scanLagDeadline, clock);
        // The seeder made one fresh code per scheduled request; each is scanned exactly once.
        return (i, ct) => probe.MeasureAsync(seed.FreshCodes[(int)(i % seed.FreshCodes.Count)], ct);
    }

    // The default range (the last 30 days by day, UTC): what the dashboard asks first.
    private Task<RequestOutcome> AnalyticsAsync(Uri uri, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, uri, static status => status == HttpStatusCode.OK, ct);

    private SeededCode RandomCode() => seed.Codes[Random.Shared.Next(seed.Codes.Count)];

    // Past the last code the miss scenario wraps around, and those requests are hits: profiles size it within the codes.
    private SeededCode NextUnaskedCode() => seed.Codes[(int)((uint)Interlocked.Increment(ref _missCursor) % (uint)seed.Codes.Count)];

    private Task<RequestOutcome> RedirectAsync(SeededCode code, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, new Uri(redirector!, code.ShortCode), static status => status is HttpStatusCode.Found or HttpStatusCode.MovedPermanently
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, ct);

    private Task<RequestOutcome> GetCodeAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ApiSeeder.At(api!, ApiRoutes.QrCode, RandomCode().Id), static status => status == HttpStatusCode.OK, ct);

    private Task<RequestOutcome> ListCodesAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, new Uri(ApiSeeder.At(api!, ApiRoutes.QrCodes) + "?limit=20"), static status => status == HttpStatusCode.OK, ct);

    private async Task<RequestOutcome> CreateAndRenderAsync(long i, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        SeededCode code;
        try
        {
            code = await ApiSeeder.CreateCodeAsync(http, api!, seed.ApiKey!, $"load create {i}", deadline.Token);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is { } status)
        {
            return RequestOutcome.Failed($"create: HTTP {(int)status}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return RequestOutcome.Failed("timeout");
        }

        var rendered = await SendAsync(HttpMethod.Get, new Uri(ApiSeeder.At(api!, ApiRoutes.QrCodeImage.Replace("{format}", "png", StringComparison.Ordinal), code.Id) + "?size=512"), static status => status == HttpStatusCode.OK, deadline.Token);
        return rendered.Success ? rendered : RequestOutcome.Failed($"render: {rendered.Failure}");
    }

    private async Task<RequestOutcome> SendAsync(HttpMethod method, Uri uri, Func<HttpStatusCode, bool> expected, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, uri);
        if (seed.ApiKey is not null && api is not null && uri.Authority == api.Authority)
        {
            request.Headers.Add("X-Api-Key", seed.ApiKey);
        }

        try
        {
            // The body is read to the end: a render is only done when its last byte has arrived.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            return expected(response.StatusCode) ? RequestOutcome.Ok : RequestOutcome.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return RequestOutcome.Failed("timeout");
        }
        catch (HttpRequestException exception)
        {
            return RequestOutcome.Failed($"connection: {exception.HttpRequestError}");
        }
    }
}
