using System.Globalization;
using System.Net;
using System.Text.Json;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// One scan-lag request: redirect a code nobody has scanned, then ask that code's analytics every
/// <c>pollInterval</c> until the scan is counted. The scheduler times it from the request's scheduled time, so the
/// latency is redirect → visible in the analytics (through the Redirector's queue, the Worker and the rollups),
/// rounded up by at most one poll interval. A scan not counted within <c>deadline</c> of <c>clock</c> is a failure;
/// the same deadline in real time also ends a request that hangs.
/// </summary>
public sealed class ScanLagProbe(HttpClient http, Uri api, Uri redirector, string apiKey, TimeSpan pollInterval, TimeSpan deadline, IClock clock)
{
    public async Task<RequestOutcome> MeasureAsync(SeededCode code, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        // A minute of slack for the Redirector stamping the scan a moment before our clock read (same machine, but
        // the hour may turn between the two).
        var from = FloorToHour(DateTime.UtcNow.AddMinutes(-1));
        try
        {
            using (var redirect = await http.GetAsync(new Uri(redirector, code.ShortCode), HttpCompletionOption.ResponseContentRead, timeout.Token))
            {
                if (redirect.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect
                    or HttpStatusCode.PermanentRedirect))
                {
                    return RequestOutcome.Failed($"redirect: HTTP {(int)redirect.StatusCode}");
                }
            }

            while (true)
            {
                var (scans, failure) = await CountScansAsync(code, from, timeout.Token);
                if (failure is not null)
                {
                    return RequestOutcome.Failed(failure);
                }

                if (scans > 0)
                {
                    return RequestOutcome.Ok;
                }

                var end = start + deadline;
                if (clock.Elapsed >= end)
                {
                    return NotVisible();
                }

                var next = clock.Elapsed + pollInterval;
                await clock.WaitUntilAsync(next < end ? next : end, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotVisible();
        }
        catch (HttpRequestException exception)
        {
            return RequestOutcome.Failed($"connection: {exception.HttpRequestError}");
        }
    }

    private RequestOutcome NotVisible() =>
        RequestOutcome.Failed($"scan not visible within {deadline.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");

    /// <summary>totals.scans of the code from <paramref name="from"/> to the end of the current hour, bots included.</summary>
    private async Task<(long Scans, string? Failure)> CountScansAsync(SeededCode code, DateTime from, CancellationToken cancellationToken)
    {
        var to = FloorToHour(DateTime.UtcNow).AddHours(1);
        // Bots are included: the harness's client has no browser User-Agent, and which side of the bot line a scan
        // falls does not change when it becomes visible.
        var query = string.Create(CultureInfo.InvariantCulture, $"?from={from:yyyy-MM-ddTHH:00:00Z}&to={to:yyyy-MM-ddTHH:00:00Z}&interval=hour&includeBots=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiSeeder.At(api, ApiRoutes.QrCodeAnalytics, code.Id) + query));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (0, $"analytics: HTTP {(int)response.StatusCode}");
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return (body.RootElement.GetProperty("totals").GetProperty("scans").GetInt64(), null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (0, "analytics: no totals.scans in the answer");
        }
    }

    private static DateTime FloorToHour(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);
}
