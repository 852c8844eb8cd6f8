using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// The audit log: every accepted change writes an entry with its actor, target and old → new fields, a refused one
/// none; entries filter, page and export as CSV, and only their own workspace reads them.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AuditLogTests(ApiHost api)
{
    private static async Task<JsonArray> EntriesAsync(ApiClient user, string query)
    {
        using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/audit" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["items"]!.AsArray();
    }

    private static string[] Actions(JsonArray entries) => [.. entries.Select(e => e!["action"]!.GetValue<string>())];

    [Fact]
    public async Task AChangedDestinationAloneIsRecordedOldToNew()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var id = (await user.CreateDynamicAsync("https://example.com/before"))["id"]!.GetValue<string>();

        using (var update = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/after" }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        var changes = (await EntriesAsync(user, $"?targetId={id}&action=qr_code.updated"))[0]!["changes"]!;
        Assert.Equal("https://example.com/before", changes["destination"]!["old"]!.GetValue<string>());
        Assert.Equal("https://example.com/after", changes["destination"]!["new"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACodesLifeIsRecordedWithTheOldAndNewDestination()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/old", name: "Poster");
        var id = code["id"]!.GetValue<string>();

        using (var update = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/new", password = "open sesame" }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using (var delete = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var entries = await EntriesAsync(user, $"?targetId={id}");
        Assert.Equal(["qr_code.deleted", "qr_code.updated", "qr_code.created"], Actions(entries));
        Assert.All(entries, e =>
        {
            Assert.Equal("user", e!["actorKind"]!.GetValue<string>());
            Assert.Equal(user.AccountId, e["actorId"]!.GetValue<string>());
            Assert.Equal("qr_code", e["targetType"]!.GetValue<string>());
        });
        var changes = entries[1]!["changes"]!;
        Assert.Equal("https://example.com/old", changes["destination"]!["old"]!.GetValue<string>());
        Assert.Equal("https://example.com/new", changes["destination"]!["new"]!.GetValue<string>());
        Assert.Null(changes["password"]!["old"]);
        Assert.Equal("set", changes["password"]!["new"]!.GetValue<string>()); // never the hash
        Assert.Null(changes["name"]); // unchanged fields are left out
        Assert.Equal("Poster", entries[2]!["changes"]!["name"]!["new"]!.GetValue<string>());
        Assert.Equal("https://example.com/new", entries[0]!["changes"]!["destination"]!["old"]!.GetValue<string>());
        Assert.True(entries[0]!["id"]!.GetValue<long>() > entries[1]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task KeysDomainsKitsAndBatchesAreRecordedAndAKeyIsNamedAsTheActor()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "ci", scopes = new[] { "codes:write" } });
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var keyId = key["id"]!.GetValue<string>();
        using var byKey = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "by key", type = "dynamic", destination = "https://example.com/k" }, key["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, byKey.StatusCode);
        var codeId = (await byKey.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var revoke = await user.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{keyId}");
        using var domain = await user.SendAsync(HttpMethod.Post, "/api/v1/domains", new { name = $"go-{Guid.NewGuid():N}"[..16] + ".example.com" });
        var domainId = (await domain.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var removeDomain = await user.SendAsync(HttpMethod.Delete, $"/api/v1/domains/{domainId}");
        using var kit = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = "Navy", style = new { foreground = "#1a237e" } });
        var kitId = (await kit.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var renameKit = await user.SendAsync(HttpMethod.Patch, $"/api/v1/brand-kits/{kitId}", new { name = "Navy blue" });
        using var deleteKit = await user.SendAsync(HttpMethod.Delete, $"/api/v1/brand-kits/{kitId}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("name,type,destination\nA,dynamic,https://example.com/a\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        using var upload = user.Request(HttpMethod.Post, "/api/v1/batches");
        upload.Content = form;
        using var batch = await user.Http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);

        var entries = await EntriesAsync(user, "?limit=200");
        Assert.Equal(
            ["batch.created", "brand_kit.deleted", "brand_kit.updated", "brand_kit.created", "domain.deleted", "domain.added", "api_key.revoked", "qr_code.created", "api_key.created"],
            Actions(entries));
        var byKeyEntry = entries.Single(e => e!["targetId"]!.GetValue<string>() == codeId)!;
        Assert.Equal("api_key", byKeyEntry["actorKind"]!.GetValue<string>());
        Assert.Equal(keyId, byKeyEntry["apiKeyId"]!.GetValue<string>());
        Assert.Equal(user.AccountId, byKeyEntry["actorId"]!.GetValue<string>());
        var keyCreated = entries.Single(e => e!["action"]!.GetValue<string>() == "api_key.created")!;
        Assert.Equal("ci", keyCreated["changes"]!["name"]!["new"]!.GetValue<string>());
        Assert.DoesNotContain(key["key"]!.GetValue<string>(), keyCreated.ToJsonString(), StringComparison.Ordinal);
        var renamed = entries.Single(e => e!["action"]!.GetValue<string>() == "brand_kit.updated")!["changes"]!["name"]!;
        Assert.Equal(("Navy", "Navy blue"), (renamed["old"]!.GetValue<string>(), renamed["new"]!.GetValue<string>()));
        Assert.Single(await EntriesAsync(user, $"?actor={keyId}"));
    }

    [Fact]
    public async Task ARefusedChangeRecordsNothing()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();

        using var invalid = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "javascript:alert(1)" });
        using var stale = user.Request(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/lost" });
        stale.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
        using var staleResponse = await user.Http.SendAsync(stale);
        using var missingKey = await user.SendAsync(HttpMethod.Delete, "/api/v1/api-keys/key_nope");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingKey.StatusCode);
        Assert.Equal(["qr_code.created"], Actions(await EntriesAsync(user, "")));
    }

    [Fact]
    public async Task EntriesFilterAndPageNewestFirst()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await user.CreateDynamicAsync())["id"]!.GetValue<string>());
        }

        using (await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{ids[0]}", new { name = "renamed" }))
        {
        }

        using var first = await user.SendAsync(HttpMethod.Get, "/api/v1/audit?action=qr_code.created&limit=2");
        var page = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var cursor = page["nextCursor"]!.GetValue<string>();
        var second = (await (await user.SendAsync(HttpMethod.Get, $"/api/v1/audit?action=qr_code.created&limit=2&cursor={cursor}")).Content.ReadFromJsonAsync<JsonObject>())!;
        var future = Uri.EscapeDataString(DateTime.UtcNow.AddHours(1).ToString("O"));
        var past = Uri.EscapeDataString(DateTime.UtcNow.AddHours(-1).ToString("O"));

        var created = page["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => e!["targetId"]!.GetValue<string>());
        Assert.Equal(ids.AsEnumerable().Reverse(), created);
        Assert.Null(second["nextCursor"]);
        Assert.Equal(["qr_code.updated"], Actions(await EntriesAsync(user, "?action=qr_code.updated")));
        Assert.Empty(await EntriesAsync(user, $"?from={future}"));
        Assert.Equal(4, (await EntriesAsync(user, $"?from={past}&to={future}")).Count);
    }

    [Fact]
    public async Task TheCsvExportHoldsEachChangedFieldAndDisarmsFormulas()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync("https://example.com/a", name: "=HYPERLINK(\"https://evil.example\")");
        var id = code["id"]!.GetValue<string>();
        using (await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/b", name = "@SUM(1)" }))
        {
        }

        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/audit.csv?action=qr_code.updated");
        var csv = await response.Content.ReadAsStringAsync();
        using var viaFormat = await user.SendAsync(HttpMethod.Get, $"/api/v1/audit?format=csv&action=qr_code.updated");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,occurred_at,action,actor_kind,actor_id,api_key_id,target_type,target_id,client_address,field,old,new", lines[0]);
        Assert.Equal(3, lines.Length); // the header, then destination and name
        Assert.Contains(lines, l => l.Contains($",qr_code.updated,user,{user.AccountId},,qr_code,{id},,destination,https://example.com/a,https://example.com/b", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",name,\"'=HYPERLINK(\"\"https://evil.example\"\")\",'@SUM(1)", StringComparison.Ordinal));
        Assert.Equal(csv, await viaFormat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NobodyElseReadsYourEntriesAndApiKeysReadNone()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var id = (await owner.CreateDynamicAsync())["id"]!.GetValue<string>();
        var key = await owner.CreateApiKeyAsync("codes:read", "codes:write", "analytics:read");

        Assert.Empty(await EntriesAsync(other, $"?targetId={id}"));
        using var csv = await other.SendAsync(HttpMethod.Get, $"/api/v1/audit.csv?targetId={id}");
        Assert.DoesNotContain(id, await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var byKey = await owner.SendAsync(HttpMethod.Get, "/api/v1/audit", bearer: key);
        await ProblemAssert.IsProblemAsync(byKey, HttpStatusCode.Forbidden);
        using var anonymous = await api.Factory.CreateClient().GetAsync(new Uri("/api/v1/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("?action=qr_code.exploded", "action")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("?cursor=abc", "cursor")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?format=xml", "format")]
    public async Task ABadFilterIsAProblemNamingIt(string query, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/audit" + query);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ASignInFromANewNetworkIsRecordedOncePerNetwork()
    {
        // Requests arrive from a trusted proxy on loopback that names the client in X-Forwarded-For.
        await using var factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["TRUSTED_PROXIES"] = "127.0.0.1" }, IPAddress.Loopback);
        var user = await ApiClient.SignUpAsync(factory);
        var http = factory.CreateClient();

        async Task SignInFromAsync(string address, ApiClient? who = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = (who ?? user).Email, password = "correct horse battery" }) };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SignInFromAsync("203.0.113.5");
        await SignInFromAsync("203.0.113.77"); // the same /24
        await SignInFromAsync("203.0.113.5");
        await SignInFromAsync("2001:db8:1:2::10");
        await SignInFromAsync("2001:db8:1:2::99"); // the same /64

        var entries = await EntriesAsync(user, "?action=account.signed_in_new_address");
        Assert.Equal(["2001:db8:1:2::/64", "203.0.113.0/24"], entries.Select(e => e!["changes"]!["network"]!.GetValue<string>()));
        Assert.Equal(["2001:db8:1:2::10", "203.0.113.5"], entries.Select(e => e!["clientAddress"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal(user.AccountId, e!["targetId"]!.GetValue<string>()));

        // Networks are remembered per account: another account's first sign-in from the same /24 is new to it.
        var other = await ApiClient.SignUpAsync(factory);
        await SignInFromAsync("203.0.113.200", other);

        var others = await EntriesAsync(other, "?action=account.signed_in_new_address");
        Assert.Equal(["203.0.113.0/24"], others.Select(e => e!["changes"]!["network"]!.GetValue<string>()));
    }
}
