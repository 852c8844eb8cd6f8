using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QrAspire.Api.Tests.Workspaces;
using QrAspire.Contracts;

namespace QrAspire.Api.Tests.Security;

/// <summary>
/// Every operation of the Api's OpenAPI document × every kind of caller (anonymous, the owner, another account, an
/// API key with only each scope and with every scope but it, a revoked key, an expired token) → the status
/// <see cref="AccessTable"/> expects. The operations come from the document, so an endpoint added without a row fails.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class OpenApiAuthorizationMatrixTests(ApiHost api)
{
    private const int Parallelism = 16;

    [Fact]
    public async Task EveryOperationInTheOpenApiDocumentHasARowAndEveryRowAnOperation()
    {
        var operations = await OperationsAsync();

        Assert.True(operations.Count >= 25, $"the document lists only {operations.Count} operations");
        Assert.Equal([], operations.Where(operation => !AccessTable.Rows.ContainsKey(operation)).ToArray());
        Assert.Equal([], AccessTable.Rows.Keys.Where(row => !operations.Contains(row)).ToArray());
    }

    [Fact]
    public async Task EveryCallerGetsWhatTheTableSaysFromEveryOperation()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var callers = await CallersAsync(owner, other);
        var shared = await SharedResourcesAsync(owner, await Teams.CreateAsync(owner));
        await AssertEveryCallAsync(owner, shared, callers);
    }

    /// <summary>
    /// The same operations called by a viewer, an editor, an admin and an owner of a shared workspace (named in the
    /// workspace header, its resources made by its owner): below the row's role 403 <c>role-required</c>, at or above
    /// it the row's status; and someone naming the workspace without being a member 403 <c>not-a-member</c>.
    /// </summary>
    [Fact]
    public async Task EveryRoleOfASharedWorkspaceGetsWhatTheTableSaysFromEveryOperation()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        List<Caller> callers =
        [
            new("owner member", owner.AccessToken, CallerKind.Member, Caller.AllScopes.ToHashSet(), WorkspaceRoles.Owner, team),
            new("non-member", (await ApiClient.SignUpAsync(api.Factory)).AccessToken, CallerKind.NonMember, new HashSet<string>(), null, team),
        ];
        foreach (var role in new[] { WorkspaceRoles.Admin, WorkspaceRoles.Editor, WorkspaceRoles.Viewer })
        {
            var member = await ApiClient.SignUpAsync(api.Factory);
            await Teams.AddAsync(api.Factory, team, member, role);
            callers.Add(new($"{role} member", member.AccessToken, CallerKind.Member, Caller.AllScopes.ToHashSet(), role, team));
        }

        var inTeam = owner.In(team);
        await AssertEveryCallAsync(inTeam, await SharedResourcesAsync(inTeam, team), callers);
    }

    private async Task<SharedResources> SharedResourcesAsync(ApiClient owner, string workspaceId) => new(
        (await owner.CreateDynamicAsync())["id"]!.GetValue<string>(),
        await CreateBatchAsync(owner),
        await NewDomainIdAsync(owner),
        await NewWebhookIdAsync(owner),
        workspaceId);

    private async Task AssertEveryCallAsync(ApiClient owner, SharedResources shared, List<Caller> callers)
    {
        var operations = (await OperationsAsync()).Where(AccessTable.Rows.ContainsKey).ToList();
        using var http = api.Factory.CreateClient();
        using var gate = new SemaphoreSlim(Parallelism);

        var outcomes = await Task.WhenAll(operations.SelectMany(operation => callers.Select(async caller =>
        {
            await gate.WaitAsync();
            try
            {
                return await CallAsync(http, owner, shared, operation, caller);
            }
            finally
            {
                gate.Release();
            }
        })));

        var wrong = outcomes.Where(o => o.Actual != o.Expected || !o.CodeMatches).Select(o => o.ToString()).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {outcomes.Length} calls got the wrong status:\n{string.Join('\n', wrong)}");
        Assert.True(outcomes.Length >= 25 * callers.Count, $"only {outcomes.Length} calls were made");
    }

    private async Task<HashSet<string>> OperationsAsync()
    {
        using var http = api.Factory.CreateClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task<List<Caller>> CallersAsync(ApiClient owner, ApiClient other)
    {
        List<Caller> callers =
        [
            new("anonymous", null, CallerKind.Anonymous, new HashSet<string>()),
            new("owner", owner.AccessToken, CallerKind.Owner, new HashSet<string>()),
            new("other account", other.AccessToken, CallerKind.OtherAccount, new HashSet<string>()),
        ];
        foreach (var scope in Caller.AllScopes)
        {
            string[] only = [scope];
            var allBut = Caller.AllScopes.Where(s => s != scope).ToArray();
            callers.Add(new($"key with only {scope}", await owner.CreateApiKeyAsync(only), CallerKind.ApiKey, only.ToHashSet()));
            callers.Add(new($"key without {scope}", await owner.CreateApiKeyAsync(allBut), CallerKind.ApiKey, allBut.ToHashSet()));
        }

        using var revoked = await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "revoked", scopes = Caller.AllScopes });
        var revokedKey = (await revoked.Content.ReadFromJsonAsync<JsonObject>())!;
        using var revoke = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{revokedKey["id"]}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, revoke.StatusCode);
        callers.Add(new("revoked key", revokedKey["key"]!.GetValue<string>(), CallerKind.Invalid, new HashSet<string>()));
        callers.Add(new("expired token", ExpiredToken(owner.AccountId), CallerKind.Invalid, new HashSet<string>()));
        return callers;
    }

    // Signed with the Api's own key, right issuer and audience: only its lifetime is wrong.
    private static string ExpiredToken(string accountId)
    {
        var issued = DateTime.UtcNow.AddHours(-2);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "qraspire",
            Audience = "qraspire-api",
            Subject = new ClaimsIdentity([new Claim("sub", accountId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddMinutes(15),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiFactory.JwtSecret)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<Outcome> CallAsync(HttpClient http, ApiClient owner, SharedResources shared, string operation, Caller caller)
    {
        var row = AccessTable.Rows[operation];
        var expected = AccessTable.Expected(row, caller);
        var (method, template) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = await ResolveAsync(owner, shared, method, template, letThrough: expected == row.Allowed);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(row, operation) };
        if (caller.Bearer is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (caller.Workspace is { } workspace)
        {
            request.Headers.Add(WorkspaceHeader.Name, workspace);
        }

        using var response = await http.SendAsync(request);
        var actual = (int)response.StatusCode;
        var problem = actual < 400 || response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        // A member refused is told why: not a member, or the role needed.
        var code = caller.Kind switch
        {
            CallerKind.NonMember => "not_a_member",
            CallerKind.Member when expected == 403 && row.Allowed != 403 => "role_required",
            _ => null,
        };
        var codeMatches = code is null || actual != 403 || (await response.Content.ReadAsStringAsync()).Contains(code, StringComparison.Ordinal);
        return new Outcome(operation, caller.Name, expected, problem ? actual : -actual, codeMatches);
    }

    // A DELETE or PATCH gets a code of its own: parallel calls must not take each other's target, nor its version.
    // Every call on a brand kit gets a kit of its own.
    // Only the owner's removal of a webhook gets one of its own: a workspace holds at most QUOTA_WEBHOOKS of them, and
    // every other caller is refused before the endpoint is looked at.
    // A workspace in the path is the shared one; only a removal that is let through gets an empty one of its own,
    // where the caller has the same role. Members and invitations named are none: reaching the handler is a 404.
    private static async Task<string> ResolveAsync(ApiClient owner, SharedResources shared, string method, string template, bool letThrough)
    {
        if (template.StartsWith("/api/v1/workspaces/{id}", StringComparison.Ordinal))
        {
            var workspace = template == "/api/v1/workspaces/{id}" && method == "DELETE" && letThrough ? await Teams.CreateAsync(owner) : shared.WorkspaceId;
            return template.Replace("{id}", workspace, StringComparison.Ordinal)
                .Replace("{accountId}", "usr_nobody", StringComparison.Ordinal)
                .Replace("{invitationId}", "inv_nobody", StringComparison.Ordinal);
        }

        var code = template.StartsWith("/api/v1/qr-codes/{id}", StringComparison.Ordinal) && method is "DELETE" or "PATCH"
            ? (await owner.CreateDynamicAsync())["id"]!.GetValue<string>()
            : shared.CodeId;
        var id = template.StartsWith("/api/v1/api-keys/", StringComparison.Ordinal) ? await NewKeyIdAsync(owner)
            : template.StartsWith("/api/v1/brand-kits/", StringComparison.Ordinal) ? await NewBrandKitIdAsync(owner)
            // Only a removal needs a domain of its own: an account holds at most QUOTA_DOMAINS of them.
            : template.StartsWith("/api/v1/domains/", StringComparison.Ordinal) ? method == "DELETE" ? await NewDomainIdAsync(owner) : shared.DomainId
            : template.StartsWith("/api/v1/batches/", StringComparison.Ordinal) ? shared.BatchId
            : template.StartsWith("/api/v1/webhooks/", StringComparison.Ordinal) ? method == "DELETE" && letThrough ? await NewWebhookIdAsync(owner) : shared.WebhookId
            : code;
        var path = template.Replace("{id}", id, StringComparison.Ordinal).Replace("{format}", "png", StringComparison.Ordinal);
        return path.Contains("{deliveryId}", StringComparison.Ordinal) ? path.Replace("{deliveryId}", await NewDeliveryIdAsync(owner, id), StringComparison.Ordinal) : path;
    }

    private static async Task<string> NewKeyIdAsync(ApiClient owner)
    {
        using var response = await owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "target", scopes = new[] { "codes:read" } });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<string> NewBrandKitIdAsync(ApiClient owner)
    {
        using var response = await owner.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", BrandKit());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    // A public address: the Api resolves nothing for it, and nothing here delivers to it (no Worker runs).
    private static object Webhook() => new { url = "https://93.184.215.14/hook", events = new[] { "qr_code.created" } };

    private static async Task<string> NewWebhookIdAsync(ApiClient owner)
    {
        using var response = await owner.SendAsync(HttpMethod.Post, "/api/v1/webhooks", Webhook());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    // The test event's delivery: what a redelivery names.
    private static async Task<string> NewDeliveryIdAsync(ApiClient owner, string webhookId)
    {
        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{webhookId}/test");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> NewDomainIdAsync(ApiClient owner)
    {
        using var response = await owner.SendAsync(HttpMethod.Post, "/api/v1/domains", Domain());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    // Domain names are claimed once per account: each one made here gets its own.
    private static object Domain() => new { name = $"go-{Guid.NewGuid():N}.example.com" };

    // Kit names are unique per account: each one made here gets its own.
    private static object BrandKit() => new { name = "kit " + Guid.NewGuid().ToString("N"), style = new { foreground = "#1a237e" } };

    private static HttpContent? Body(Row row, string operation) => operation switch
    {
        _ when row.Guard == Guard.Public && operation is not ("POST /api/v1/render" or "POST /api/v1/render/check") => JsonContent.Create(new { }),
        "POST /api/v1/render/check" => JsonContent.Create(new { content = new { type = "text", text = "hello" }, printedSizeMm = 30 }),
        "POST /api/v1/render" => JsonContent.Create(new { content = new { type = "text", text = "hello" }, format = "svg" }),
        "POST /api/v1/api-keys" => JsonContent.Create(new { name = "k", scopes = new[] { "codes:read" } }),
        "POST /api/v1/qr-codes" => JsonContent.Create(new { name = "n", type = "dynamic", destination = "https://example.com/x" }),
        "PATCH /api/v1/qr-codes/{id}" => JsonContent.Create(new { name = "renamed" }),
        "POST /api/v1/brand-kits" => JsonContent.Create(BrandKit()),
        "POST /api/v1/routing/preview" => JsonContent.Create(new { destination = "https://example.com/" }),
        "POST /api/v1/domains" => JsonContent.Create(Domain()),
        "POST /api/v1/webhooks" => JsonContent.Create(Webhook()),
        "PATCH /api/v1/webhooks/{id}" => JsonContent.Create(new { enabled = true }),
        "PATCH /api/v1/brand-kits/{id}" => JsonContent.Create(new { style = new { modules = "dots" } }),
        "POST /api/v1/workspaces" or "PATCH /api/v1/workspaces/{id}" => JsonContent.Create(new { name = "matrix" }),
        "PATCH /api/v1/workspaces/{id}/members/{accountId}" => JsonContent.Create(new { role = WorkspaceRoles.Viewer }),
        "POST /api/v1/workspaces/{id}/invitations" => JsonContent.Create(new { email = $"invitee-{Guid.NewGuid():N}@example.com", role = WorkspaceRoles.Viewer }),
        "POST /api/v1/invitations/accept" => JsonContent.Create(new { token = "qri_unknown" }),
        "POST /api/v1/logos" => Upload(TestImages.Png(32, 32), "image/png", "logo.png"),
        "POST /api/v1/batches" => Upload(Encoding.UTF8.GetBytes(BatchCsv), "text/csv", "codes.csv"),
        _ => null,
    };

    private const string BatchCsv = "name,type,content_type,url,text,wifi_ssid,wifi_password,wifi_security,phone_number,destination,tags,foreground,background,modules,eyes,ecc,size\n"
        + "One,dynamic,,,,,,,,https://example.com/one,,,,,,,\n";

    private static MultipartFormDataContent Upload(byte[] bytes, string mediaType, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        return form;
    }

    private static async Task<string> CreateBatchAsync(ApiClient owner)
    {
        using var request = owner.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = Upload(Encoding.UTF8.GetBytes(BatchCsv), "text/csv", "codes.csv");
        using var response = await owner.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    private sealed record SharedResources(string CodeId, string BatchId, string DomainId, string WebhookId, string WorkspaceId);

    /// <summary>One call; a negative <see cref="Actual"/> is an error that was not problem+json.</summary>
    private sealed record Outcome(string Operation, string Caller, int Expected, int Actual, bool CodeMatches = true)
    {
        public override string ToString() =>
            $"  {Operation} as {Caller}: expected {Expected}, got {(Actual < 0 ? $"{-Actual} (not problem+json)" : Actual)}{(CodeMatches ? "" : " without the expected error code")}";
    }
}
