using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QrAspire.LoadTests.Config;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// The requests of the abuse burst against the Api: maximum-cost renders (anonymous, or signed in with the run's API
/// key), the readiness probe on the management port, and bulk jobs submitted by several accounts and followed until
/// they complete. Every request has its own timeout; answers are judged by <see cref="RefusalRule"/>.
/// </summary>
public sealed class AbuseRequests(HttpClient http, Uri? api, Uri? apiManagement, string? apiKey, TimeSpan timeout, TextWriter log)
{
    private readonly Dictionary<string, string[]> _accounts = new(StringComparer.Ordinal);

    /// <summary>POST /api/v1/render with <paramref name="shape"/>, anonymous or with the API key.</summary>
    public async Task<RequestOutcome> RenderAsync(long i, RenderShape shape, bool signedIn, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        // A different text each time: the same body twice could be answered from a cache, and this measures rendering.
        var body = $$"""{"content":{"type":"text","text":"abuse {{i.ToString(CultureInfo.InvariantCulture)}}"},"style":{"size":{{shape.Size.ToString(CultureInfo.InvariantCulture)}},"modules":"{{shape.Modules}}"},"format":"{{shape.Format}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiSeeder.At(api!, ApiRoutes.Render)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signedIn)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await SendAsync(request, HttpStatusCode.OK, deadline.Token, ct);
    }

    /// <summary>GET /health on the Api's management port: ready means 200.</summary>
    public async Task<RequestOutcome> HealthAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiManagement!, "/health"));
        return await SendAsync(request, HttpStatusCode.OK, deadline.Token, ct);
    }

    /// <summary>Registers the bulk scenario's accounts (once per scenario), outside the measurement.</summary>
    public async Task PrepareBulkAsync(string scenario, BulkShape shape, ApiSeeder seeder, CancellationToken ct)
    {
        if (_accounts.ContainsKey(scenario))
        {
            return;
        }

        var tokens = new string[shape.Accounts];
        for (var a = 0; a < tokens.Length; a++)
        {
            tokens[a] = await seeder.RegisterAccountAsync("bulk", ct);
        }

        _accounts[scenario] = tokens;
        await log.WriteLineAsync($"{scenario}: registered {tokens.Length} accounts for bulk jobs");
    }

    /// <summary>
    /// Submits job <paramref name="i"/> as account i mod accounts (again after <c>Retry-After</c> when refused), then
    /// polls it every <paramref name="pollInterval"/> until it completes; failed, or not completed within the shape's
    /// timeout, is an error.
    /// </summary>
    public async Task<RequestOutcome> BulkAsync(string scenario, long i, BulkShape shape, TimeSpan pollInterval, CancellationToken ct)
    {
        var tokens = _accounts[scenario];
        var token = tokens[(int)(i % tokens.Length)];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(shape.Timeout);
        try
        {
            string? id = null;
            while (id is null)
            {
                using var submit = new HttpRequestMessage(HttpMethod.Post, ApiSeeder.At(api!, ApiRoutes.Batches)) { Content = Csv(i, shape) };
                submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var submitted = await http.SendAsync(submit, HttpCompletionOption.ResponseContentRead, deadline.Token);
                if (submitted.StatusCode == HttpStatusCode.Accepted)
                {
                    id = (await submitted.Content.ReadFromJsonAsync(ContractsJsonContext.Default.BatchResponse, deadline.Token))!.Id;
                    break;
                }

                var judged = RefusalRule.Judge(submitted, HttpStatusCode.Accepted);
                if (!judged.Success)
                {
                    return RequestOutcome.Failed($"submit: {judged.Failure}");
                }

                await Task.Delay(submitted.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), deadline.Token);
            }

            while (true)
            {
                using var poll = new HttpRequestMessage(HttpMethod.Get, ApiSeeder.At(api!, ApiRoutes.Batch, id));
                poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var answer = await http.SendAsync(poll, HttpCompletionOption.ResponseContentRead, deadline.Token);
                if (answer.StatusCode != HttpStatusCode.OK)
                {
                    var judged = RefusalRule.Judge(answer, HttpStatusCode.OK);
                    if (!judged.Success)
                    {
                        return RequestOutcome.Failed($"poll: {judged.Failure}");
                    }
                }
                else
                {
                    using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(deadline.Token), cancellationToken: deadline.Token);
                    switch (body.RootElement.GetProperty("status").GetString())
                    {
                        case "completed": return RequestOutcome.Ok;
                        case "failed": return RequestOutcome.Failed("batch failed");
                    }
                }

                await Task.Delay(pollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return RequestOutcome.Failed($"not completed within {shape.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException exception)
        {
            return RequestOutcome.Failed($"connection: {exception.HttpRequestError}");
        }
    }

    /// <summary>A CSV of dynamic codes, one per row, each with its own destination.</summary>
    private static MultipartFormDataContent Csv(long job, BulkShape shape)
    {
        var csv = new StringBuilder("name,type,destination\n");
        for (var row = 1; row <= shape.Rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"bulk {job} row {row},dynamic,https://example.com/bulk/{job}/{row}\n");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent
        {
            { file, "file", "bulk.csv" },
            { new StringContent(shape.Format), "format" },
            { new StringContent($"abuse bulk {job}"), "name" },
        };
    }

    private async Task<RequestOutcome> SendAsync(HttpRequestMessage request, HttpStatusCode expected, CancellationToken deadline, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline);
            return RefusalRule.Judge(response, expected);
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
