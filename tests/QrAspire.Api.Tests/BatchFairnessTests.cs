using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using QrAspire.TestSupport;
using QrAspire.Worker.Batches;

namespace QrAspire.Api.Tests;

/// <summary>
/// Fair scheduling of bulk jobs: Workers claim batches round-robin by account, so one account's large job does not
/// hold back another account's small one.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class BatchFairnessTests(ApiHost api)
{
    private static string Rows(int count) =>
        "name,type,content_type,text\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"n{i},static,text,t{i}\n"));

    private static async Task<string> AcceptedAsync(ApiClient user, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        using var request = user.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = form;
        using var response = await user.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> GetAsync(ApiClient user, string id)
    {
        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task AnAccountWithABatchRunningWaitsWhileAnotherAccountsBatchIsClaimed()
    {
        var large = await ApiClient.SignUpAsync(api.Factory);
        var small = await ApiClient.SignUpAsync(api.Factory);
        var first = await AcceptedAsync(large, Rows(3));
        var second = await AcceptedAsync(large, Rows(3));
        var other = await AcceptedAsync(small, Rows(1));
        await using var worker = BatchWorkerHost.Build(api.Infrastructure);
        var lease = worker.Get<BatchLease>();

        // Claim everything claimable (batches other tests left queued too), oldest first within the fairness rule.
        var claims = await ClaimAllAsync(lease);
        var ids = claims.Select(c => c.BatchId).ToList();
        await ReleaseAllAsync(lease, claims);

        Assert.Contains(first, ids);
        Assert.Contains(other, ids);
        // The large account's second batch waits for its first: one running batch per account.
        Assert.DoesNotContain(second, ids);
        Assert.True(ids.IndexOf(first) < ids.IndexOf(other), "the older batch is claimed first when neither account runs one");

        // Handed back, the first is claimed again (it is older), and the second still waits for it.
        var again = await ClaimAllAsync(lease);
        await ReleaseAllAsync(lease, again);
        Assert.Contains(first, again.Select(c => c.BatchId));
        Assert.DoesNotContain(second, again.Select(c => c.BatchId));
    }

    private static async Task<List<BatchClaim>> ClaimAllAsync(BatchLease lease)
    {
        var claims = new List<BatchClaim>();
        while (await lease.ClaimAsync(CancellationToken.None) is { } claim)
        {
            claims.Add(claim);
        }

        return claims;
    }

    private static async Task ReleaseAllAsync(BatchLease lease, List<BatchClaim> claims)
    {
        foreach (var claim in claims)
        {
            await lease.ReleaseAsync(claim, TimeSpan.Zero, countAttempt: false);
        }
    }

    [Fact]
    public async Task ASmallBatchCompletesWhileAnotherAccountsLargeBatchRuns()
    {
        var large = await ApiClient.SignUpAsync(api.Factory);
        var small = await ApiClient.SignUpAsync(api.Factory);
        var big = await AcceptedAsync(large, Rows(2_000));
        await using var worker = await BatchWorkerHost.StartAsync(api.Infrastructure, ("BATCH_CONCURRENCY", "2"));
        await Eventually.ValueAsync(() => GetAsync(large, big), b => b["rowsDone"]!.GetValue<int>() > 0, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(20));

        var id = await AcceptedAsync(small, Rows(10));
        var done = await Eventually.ValueAsync(() => GetAsync(small, id), b => b["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(20));
        var largeThen = await GetAsync(large, big);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal("running", largeThen["status"]!.GetValue<string>());
        Assert.True(largeThen["rowsDone"]!.GetValue<int>() < 2_000 || largeThen["finishedAt"] is null);
        var finished = await Eventually.ValueAsync(() => GetAsync(large, big), b => b["status"]!.GetValue<string>() == "completed", TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(200));
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
    }
}
