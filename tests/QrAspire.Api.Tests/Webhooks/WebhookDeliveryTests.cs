using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Scans;
using QrAspire.TestSupport;
using QrAspire.Worker.Email;
using StackExchange.Redis;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>
/// Delivery by the Worker to a real HTTP receiver on loopback (allowed here by WEBHOOKS_ALLOW_PRIVATE_TARGETS): at
/// least once through failures and timeouts, every attempt of an event with the same id and bytes, signed so that an
/// independent implementation agrees; redirects not followed; scans announced in batches; an endpoint failing for a
/// day disabled with a mail. Time is a <see cref="ManualClock"/>: back-off passes without waiting.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class WebhookDeliveryTests(ApiHost api) : IAsyncLifetime, IDisposable
{
    private ApiFactory _factory = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string>
        {
            ["DNS_SERVER"] = api.Dns?.EndPoint ?? ApiHost.NoDnsServer,
            ["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] = "true",
        });
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    // xunit calls this after DisposeAsync; disposing the factory twice is harmless.
    public void Dispose() => _factory.Dispose();

    private async Task<(ApiClient User, string EndpointId, string Secret)> SubscribeAsync(string url, params string[] events)
    {
        var user = await ApiClient.SignUpAsync(_factory);
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/webhooks", new { url, events });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (user, body["id"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync(string endpointId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QrAspireDbContext>().WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task ThroughFailuresAndTimeoutsExactlyTheEventsSentArriveWithStableIds()
    {
        using var worker = WebhookWorkerHost.Build(api.Infrastructure);
        var (user, endpointId, secret) = await SubscribeAsync(_receiver.HookUrl, "qr_code.created", "qr_code.updated");
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await user.CreateDynamicAsync())["id"]!.GetValue<string>());
        }

        using (var renamed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{codes[0]}", new { name = "renamed" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        var sent = (await DeliveriesAsync(endpointId)).Select(d => "evt_" + d.EventId).ToHashSet();
        Assert.Equal(4, sent.Count);

        // Other tests' deliveries may come due on the same database: each phase is checked on this endpoint's rows.
        _receiver.Mode = ReceiverMode.Fail;
        await worker.DeliverAllDueAsync();
        Assert.All(await DeliveriesAsync(endpointId), d => Assert.Equal((1, (int?)500), (d.Attempts, d.ResponseStatus)));
        await worker.DeliverAllDueAsync();
        Assert.All(await DeliveriesAsync(endpointId), d => Assert.Equal(1, d.Attempts)); // backing off: not due until time passes
        worker.Clock.Advance(TimeSpan.FromHours(2));
        _receiver.Mode = ReceiverMode.Hang;
        await worker.DeliverAllDueAsync();
        Assert.All(await DeliveriesAsync(endpointId), d => Assert.Equal((2, (int?)null, WebhookDeliveryStatus.Pending), (d.Attempts, d.ResponseStatus, d.Status)));
        worker.Clock.Advance(TimeSpan.FromHours(2));
        _receiver.Mode = ReceiverMode.Ok;
        await worker.DeliverAllDueAsync();
        worker.Clock.Advance(TimeSpan.FromHours(30));
        await worker.DeliverAllDueAsync(); // succeeded deliveries are never sent again

        var received = _receiver.Received.Where(r => sent.Contains(r.EventId)).ToList();
        Assert.Equal(sent, received.Where(r => r.AnsweredWith == ReceiverMode.Ok).Select(r => r.EventId).ToHashSet());
        Assert.Equal(4, received.Count(r => r.AnsweredWith == ReceiverMode.Ok));
        foreach (var attempts in received.GroupBy(r => r.EventId))
        {
            // A duplicate is the same event: same id, same bytes, so the receiver can drop it.
            Assert.Single(attempts.Select(a => Convert.ToHexString(a.Body)).Distinct());
            var body = JsonNode.Parse(attempts.First().Body)!;
            Assert.Equal(attempts.Key, body["id"]!.GetValue<string>());
            Assert.Equal(attempts.First().EventType, body["type"]!.GetValue<string>());
            Assert.All(attempts, a => Assert.True(WebhookSignatureCheck.IsValid(secret, a.Signature, a.Body), $"bad signature {a.Signature}"));
        }

        var deliveries = await DeliveriesAsync(endpointId);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(WebhookDeliveryStatus.Succeeded, d.Status);
            Assert.Equal(3, d.Attempts);
            Assert.Equal(200, d.ResponseStatus);
            Assert.Equal("thanks", d.ResponseExcerpt);
        });

        var log = (await (await user.SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{endpointId}/deliveries")).Content.ReadFromJsonAsync<JsonObject>())!;
        var newest = log["items"]![0]!;
        Assert.Equal("succeeded", newest["status"]!.GetValue<string>());
        Assert.Equal("qr_code.updated", newest["eventType"]!.GetValue<string>());
        Assert.Equal(200, newest["responseStatus"]!.GetValue<int>());
        Assert.NotNull(newest["durationMs"]);
        await RemoveAsync(user, endpointId);
    }

    private static async Task RemoveAsync(ApiClient user, string endpointId)
    {
        using var removed = await user.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{endpointId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [SkippableFact]
    public async Task APythonImplementationAcceptsTheSignature()
    {
        var python = ExecutablePath.Find("python3");
        Skip.If(python is null, "python3 is not installed");
        using var worker = WebhookWorkerHost.Build(api.Infrastructure);
        var (user, endpointId, secret) = await SubscribeAsync(_receiver.HookUrl, "qr_code.created");
        using (var test = await user.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{endpointId}/test"))
        {
            Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        }

        await worker.DeliverAllDueAsync();
        await RemoveAsync(user, endpointId);
        var ping = Assert.Single(_receiver.Received, r => r.EventType == "ping" && JsonNode.Parse(r.Body)!["data"]!["webhookId"]!.GetValue<string>() == endpointId);

        // The verification docs/webhooks.md gives for Python, run as written there (stdlib only).
        const string Script = """
            import hmac, hashlib, sys
            secret, header, body = sys.argv[1], sys.argv[2], sys.stdin.buffer.read()
            parts = dict(p.split("=", 1) for p in header.split(","))
            expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
            print("valid" if hmac.compare_digest(expected, parts["v1"]) else "invalid")
            """;
        Assert.Equal("valid", await RunPythonAsync(python!, Script, [secret, ping.Signature], ping.Body));
        var tampered = ping.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.Equal("invalid", await RunPythonAsync(python!, Script, [secret, ping.Signature], tampered));
    }

    [Fact]
    public async Task ARedirectIsNotFollowedAndCountsAsAFailure()
    {
        using var worker = WebhookWorkerHost.Build(api.Infrastructure);
        var (user, endpointId, _) = await SubscribeAsync(_receiver.BaseUrl + "/redirect", "qr_code.created");
        await user.CreateDynamicAsync();

        await worker.DeliverAllDueAsync();

        var delivery = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal(302, delivery.ResponseStatus);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(0, _receiver.InternalHits);
        await RemoveAsync(user, endpointId);
    }

    [Fact]
    public async Task TheWorkerRefusesALoopbackTargetAtConnectionTimeWhenPrivateTargetsAreNotAllowed()
    {
        // Added while allowed, delivered by a Worker that does not allow it: the check at connection time stands alone.
        using var worker = WebhookWorkerHost.Build(api.Infrastructure, ("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false"));
        var (user, endpointId, _) = await SubscribeAsync(_receiver.HookUrl, "qr_code.created");
        var before = _receiver.Received.Count;
        await user.CreateDynamicAsync();

        await worker.DeliverAllDueAsync();

        var delivery = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.ResponseStatus);
        Assert.Contains("Refused", delivery.ResponseExcerpt, StringComparison.Ordinal);
        Assert.Equal(before, _receiver.Received.Count);
        await RemoveAsync(user, endpointId);
    }

    [Fact]
    public async Task ADeliveryFailingForADayFailsAndItsEndpointIsDisabledWithAMail()
    {
        using var worker = WebhookWorkerHost.Build(api.Infrastructure);
        var (user, endpointId, _) = await SubscribeAsync(_receiver.BaseUrl + "/redirect", "qr_code.created");
        await user.CreateDynamicAsync();

        for (var hour = 0; hour < 30; hour++)
        {
            await worker.DeliverAllDueAsync();
            worker.Clock.Advance(TimeSpan.FromHours(1));
        }

        var delivery = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        var endpoint = (await (await user.SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{endpointId}")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(endpoint["enabled"]!.GetValue<bool>());
        Assert.Equal("failing", endpoint["disabledReason"]!.GetValue<string>());
        var mail = Assert.Single(await api.QueryAsync(db => db.EmailMessages.Where(m => m.To == user.Email && m.Template == "webhook-disabled").ToListAsync()));
        var rendered = EmailTemplates.Render(mail, "https://console.test");
        Assert.Equal("A webhook endpoint was disabled", rendered.Subject);
        Assert.Contains("https://console.test/webhooks", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("/redirect", rendered.Text, StringComparison.Ordinal);

        // Redelivery sends the same event again once the endpoint is enabled.
        using (var refused = await user.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{endpointId}/deliveries/{delivery.Id}/redeliver"))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        }

        using (var enabled = await user.SendAsync(HttpMethod.Patch, $"/api/v1/webhooks/{endpointId}", new { enabled = true, url = _receiver.HookUrl }))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        using (var again = await user.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{endpointId}/deliveries/{delivery.Id}/redeliver"))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        // The Api scheduled it on the real clock; the Worker's clock comes back to it.
        worker.Clock.Set(DateTimeOffset.UtcNow.AddMinutes(1));
        await worker.DeliverAllDueAsync();
        Assert.Equal(WebhookDeliveryStatus.Succeeded, Assert.Single(await DeliveriesAsync(endpointId)).Status);
        Assert.Single(_receiver.Received, r => r.EventId == "evt_" + delivery.EventId);
        await RemoveAsync(user, endpointId);
    }

    [Fact]
    public async Task ManyScansArriveInAFewBatchedDeliveries()
    {
        using var worker = WebhookWorkerHost.Build(api.Infrastructure, ("WEBHOOKS_SCAN_BATCH_SIZE", "100"));
        var (user, endpointId, _) = await SubscribeAsync(_receiver.HookUrl, "scan.recorded");
        var code = await user.CreateDynamicAsync();
        var quiet = await ApiClient.SignUpAsync(_factory);
        var quietCode = await quiet.CreateDynamicAsync();
        var scans = Enumerable.Range(0, 250).Select(i => Scan(code["id"]!.GetValue<string>(), code["shortCode"]!.GetValue<string>())).ToList();

        await worker.Batcher.RefreshSubscriptionsAsync(CancellationToken.None);
        foreach (var chunk in scans.Chunk(30))
        {
            await worker.Batcher.AddAsync([.. chunk, Scan(quietCode["id"]!.GetValue<string>(), quietCode["shortCode"]!.GetValue<string>())], CancellationToken.None);
        }

        await worker.Batcher.FlushAsync(force: false, CancellationToken.None); // the last 50 have not waited yet
        Assert.Equal(2, (await DeliveriesAsync(endpointId)).Count);
        worker.Clock.Advance(TimeSpan.FromSeconds(10));
        await worker.Batcher.FlushAsync(force: false, CancellationToken.None);
        await worker.DeliverAllDueAsync();

        var batches = _receiver.Received.Where(r => r.EventType == "scan.recorded" && (JsonNode.Parse(r.Body)!["workspaceId"]!.GetValue<string>() == user.AccountId)).ToList();
        // Delivered in parallel, so in any order.
        Assert.Equal([50, 100, 100], batches.Select(b => JsonNode.Parse(b.Body)!["data"]!["scans"]!.AsArray().Count).Order());
        var ids = batches.SelectMany(b => JsonNode.Parse(b.Body)!["data"]!["scans"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(scans.Select(s => s.Id).Order(), ids.Order());
        Assert.Equal(0, await api.QueryAsync(db => db.WebhookEvents.CountAsync(e => e.WorkspaceId == quiet.AccountId)));
        await RemoveAsync(user, endpointId);
    }

    [Fact]
    public async Task ScansIngestedByTheWorkerAreAnnouncedInAFewDeliveries()
    {
        var queue = "test:webhook-scans:" + Guid.NewGuid().ToString("N");
        using var worker = WebhookWorkerHost.Build(api.Infrastructure, realClock: true, scanQueue: queue,
            ("WEBHOOKS_SCAN_FLUSH_SECONDS", "1"), ("WEBHOOKS_POLL_MILLISECONDS", "100"));
        var (user, endpointId, _) = await SubscribeAsync(_receiver.HookUrl, "scan.recorded");
        var code = await user.CreateDynamicAsync();
        var codeId = code["id"]!.GetValue<string>();
        await worker.StartAsync();
        try
        {
            await worker.Batcher.RefreshSubscriptionsAsync(CancellationToken.None); // rather than wait for the 5-second re-read
            var events = Enumerable.Range(0, 450).Select(_ => new ScanEvent(Guid.CreateVersion7().ToString(), code["shortCode"]!.GetValue<string>(), codeId,
                DateTime.UtcNow, "203.0.113.9", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) Mobile/15E148 Safari/604.1", null, null, "GET", false, false, null)).ToList();
            var redis = worker.Get<IConnectionMultiplexer>().GetDatabase();
            await redis.ListRightPushAsync(queue, [.. events.Select(e => (RedisValue)ScanQueue.Serialize(e))]);

            var announced = await Eventually.ValueAsync(
                () => Task.FromResult(_receiver.Received.Where(r => r.EventType == "scan.recorded" && JsonNode.Parse(r.Body)!["workspaceId"]!.GetValue<string>() == user.AccountId)
                    .SelectMany(r => JsonNode.Parse(r.Body)!["data"]!["scans"]!.AsArray().Select(x => x!["id"]!.GetValue<string>())).ToList()),
                ids => ids.Count >= events.Count, TimeSpan.FromSeconds(60));

            Assert.Equal(events.Select(e => e.Id).Order(), announced.Distinct().Order());
            var requests = (await DeliveriesAsync(endpointId)).Count;
            Assert.InRange(requests, 5, 10); // 450 scans in batches of at most 100: never one request per scan
        }
        finally
        {
            await worker.StopAsync();
            await RemoveAsync(user, endpointId);
        }
    }

    private static Scan Scan(string codeId, string shortCode) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        QrCodeId = codeId,
        ShortCode = shortCode,
        OccurredAt = DateTime.UtcNow,
        Country = "DE",
        Region = "unknown",
        City = "unknown",
        DeviceType = "mobile",
        Os = "iOS",
        Browser = "Safari 17",
        ReferrerHost = "",
        IpAnonymised = "",
        VisitorHash = "v",
    };

    private static async Task<string> RunPythonAsync(string python, string script, string[] args, byte[] stdin)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }
}
