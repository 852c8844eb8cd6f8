using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xunit.Abstractions;

namespace QrAspire.FaultTests;

/// <summary>
/// The Worker is killed with SIGKILL while it ingests scans and runs a bulk job, and started again (a new process:
/// a new Worker id, as a replacement pod would have).
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Tier", "Fault")]
public sealed class WorkerKillTests(ProductionSystem system, ITestOutputHelper output)
{
    private const int Rows = 2000;
    private const int Rate = 300;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(8);

    [SkippableFact]
    public async Task AKilledWorkersBatchAndScansAreFinishedWithoutDuplicatesOrLoss()
    {
        Skip.IfNot(system.Available, ProductionSystem.NotStarted);
        var seed = await system.SeedAsync(8);
        var tag = "fault " + Guid.NewGuid().ToString("N")[..12];
        var batchId = await SubmitBatchAsync(seed.ApiKey!, tag);
        var worker = system.Processes("QrAspire.Worker").Single();
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var tally = new LoadTally();

        // Redirects all along, so that scans are being ingested when the Worker dies.
        using var slots = new SemaphoreSlim(32);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        BatchResponse? atKill = null;
        for (var i = 0; i < Rate * Load.TotalSeconds; i++)
        {
            if (atKill is null && i % 50 == 0 && clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                var batch = await BatchAsync(seed.ApiKey!, batchId);
                Assert.True(batch.Status is "queued" or "running", $"the batch finished before the Worker could be killed mid-batch: {batch.Status}");
                if (batch is { Status: "running", RowsDone: > 0 })
                {
                    atKill = batch;
                    await worker.KillAsync();
                    worker.StartAgain(system.Log("worker"), system.Registry);
                }
            }

            var due = TimeSpan.FromSeconds((double)i / Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var code = seed.Codes[i % seed.Codes.Count].ShortCode;
            await slots.WaitAsync();
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await system.Http.GetAsync(new Uri(system.Redirector, code));
                    tally.Answered("redirect", response);
                    if (response.StatusCode == HttpStatusCode.Found)
                    {
                        acknowledged.AddOrUpdate(code, 1, (_, n) => n + 1);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    tally.Failed("redirect");
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
        Assert.True(atKill is not null, "the batch never started while the load ran: nothing was killed mid-batch");
        output.WriteLine($"killed the Worker at batch {atKill!.Status}, {atKill.RowsDone}/{atKill.TotalRows} rows; load: {tally}");
        output.WriteLine($"peak memory (VmHWM/limit): {system.PeakMemory()}");

        // A dead Worker's batch lease (60 s) and its scan heartbeat (30 s) must expire before another Worker takes over.
        var finished = await WaitAsync(() => BatchAsync(seed.ApiKey!, batchId), b => b.Status is "completed" or "failed", TimeSpan.FromSeconds(150));
        var names = await CodeNamesAsync(seed.ApiKey!, tag);
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var code in seed.Codes)
        {
            var expected = acknowledged.GetValueOrDefault(code.ShortCode);
            counted[code.ShortCode] = await WaitAsync(() => system.ScansAsync(seed.ApiKey!, code.Id), n => n >= expected, TimeSpan.FromSeconds(90));
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // anything counted twice would show by now
        foreach (var code in seed.Codes)
        {
            counted[code.ShortCode] = await system.ScansAsync(seed.ApiKey!, code.Id);
        }

        var report = string.Join(", ", seed.Codes.Select(c => $"{c.ShortCode}: {acknowledged.GetValueOrDefault(c.ShortCode)} redirected, {counted[c.ShortCode]} counted"));
        output.WriteLine($"batch {finished.Status}: {finished.RowsDone} done, {finished.RowsFailed} failed of {finished.TotalRows}; {names.Count} codes tagged, {names.Distinct().Count()} distinct; scans: {report}");
        Assert.Equal("completed", finished.Status);
        Assert.Equal((Rows, 0), (finished.RowsDone, finished.RowsFailed));
        Assert.Equal(Rows, names.Count);
        Assert.Equal(Rows, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(tally.Forbidden);
        Assert.Equal(0, tally.Count("redirect") - tally.Count("redirect", 302));
        Assert.All(seed.Codes, c => Assert.True(counted[c.ShortCode] == acknowledged.GetValueOrDefault(c.ShortCode), $"{c.ShortCode}: scans {report}"));
    }

    private async Task<string> SubmitBatchAsync(string apiKey, string tag)
    {
        var csv = new StringBuilder("name,type,destination,tags,size\n");
        for (var row = 0; row < Rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"fault batch {row},dynamic,https://example.com/batch/{row},{tag},64\n");
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "fault.csv");
        form.Add(new StringContent("svg"), "format");
        using var request = new HttpRequestMessage(HttpMethod.Post, LoadTests.Scenarios.ApiSeeder.At(system.Api, ApiRoutes.Batches)) { Content = form };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await system.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"batch: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<BatchResponse>(ContractsJson.Options))!.Id;
    }

    private async Task<BatchResponse> BatchAsync(string apiKey, string id)
    {
        using var response = await system.SendAsync(HttpMethod.Get, ApiRoutes.Batch, apiKey, id);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BatchResponse>(ContractsJson.Options))!;
    }

    /// <summary>The names of every code tagged <paramref name="tag"/>, page by page.</summary>
    private async Task<List<string>> CodeNamesAsync(string apiKey, string tag)
    {
        List<string> names = [];
        string? cursor = null;
        do
        {
            var query = $"?limit=100&tag={Uri.EscapeDataString(tag)}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(LoadTests.Scenarios.ApiSeeder.At(system.Api, ApiRoutes.QrCodes) + query));
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await system.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<QrCodePage>(ContractsJson.Options))!;
            names.AddRange(page.Items.Select(i => i.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return names;
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > within)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }
}
