using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>
/// Every endpoint × every kind of caller → the expected status. Another account's code is a 404 (its existence is
/// not revealed), an API key without the scope is a 403, no credentials is a 401.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AuthorizationMatrixTests(ApiHost api) : IAsyncLifetime
{
    private ApiClient _owner = null!;
    private ApiClient _other = null!;
    private readonly Dictionary<string, string?> _credentials = [];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        void Add(string endpoint, int anonymous, int owner, int other, int read, int write, int analytics)
        {
            data.Add(endpoint, "anonymous", anonymous);
            data.Add(endpoint, "owner", owner);
            data.Add(endpoint, "other user", other);
            data.Add(endpoint, "key codes:read", read);
            data.Add(endpoint, "key codes:write", write);
            data.Add(endpoint, "key analytics:read", analytics);
            data.Add(endpoint, "revoked key", anonymous == 200 ? 200 : 401);
        }

        //   endpoint                      anon owner other read write analytics
        Add("GET me", 401, 200, 200, 403, 403, 403);
        Add("POST api-keys", 401, 201, 201, 403, 403, 403);
        Add("GET api-keys", 401, 200, 200, 403, 403, 403);
        Add("DELETE api-keys/{key}", 401, 204, 404, 403, 403, 403);
        Add("POST qr-codes", 401, 201, 201, 403, 201, 403);
        Add("GET qr-codes", 401, 200, 200, 200, 403, 403);
        Add("GET qr-codes/{id}", 401, 200, 404, 200, 403, 403);
        Add("PATCH qr-codes/{id}", 401, 200, 404, 403, 200, 403);
        Add("DELETE qr-codes/{id}", 401, 204, 404, 403, 204, 403);
        Add("GET qr-codes/{id}/image.png", 401, 200, 404, 200, 403, 403);
        Add("POST logos", 401, 201, 201, 403, 201, 403);
        Add("POST render", 200, 200, 200, 200, 403, 403);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachCallerGetsTheExpectedStatus(string endpoint, string caller, int expected)
    {
        var code = await _owner.CreateDynamicAsync();
        var key = await _owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "victim", scopes = new[] { "codes:read" } });
        var keyId = JsonNode.Parse(await key.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var (method, path) = (endpoint.Split(' ')[0], "/api/v1/" + endpoint.Split(' ')[1].Replace("{id}", code["id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{key}", keyId, StringComparison.Ordinal));

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(endpoint) };
        if (_credentials[caller] is { } credential)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        using var response = await api.Factory.CreateClient().SendAsync(request);

        Assert.True((int)response.StatusCode == expected, $"{caller} {endpoint}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
        {
            await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)expected);
        }
    }

    private static HttpContent? Body(string endpoint) => endpoint switch
    {
        "POST api-keys" => JsonContentOf(new { name = "k", scopes = new[] { "codes:read" } }),
        "POST qr-codes" => JsonContentOf(new { name = "n", type = "dynamic", destination = "https://example.com/x" }),
        "PATCH qr-codes/{id}" => JsonContentOf(new { name = "renamed" }),
        "POST render" => JsonContentOf(new { content = new { type = "text", text = "hello" }, format = "svg" }),
        "POST logos" => Logo(),
        _ => null,
    };

    private static HttpContent JsonContentOf(object value) => System.Net.Http.Json.JsonContent.Create(value);

    private static MultipartFormDataContent Logo()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(32, 32));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "logo.png");
        return form;
    }

    public async Task InitializeAsync()
    {
        _owner = await ApiClient.SignUpAsync(api.Factory);
        _other = await ApiClient.SignUpAsync(api.Factory);
        var revoked = await _owner.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "revoked", scopes = new[] { "codes:read", "codes:write", "analytics:read" } });
        var revokedBody = JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!;
        await _owner.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{revokedBody["id"]}");
        _credentials["anonymous"] = null;
        _credentials["owner"] = _owner.AccessToken;
        _credentials["other user"] = _other.AccessToken;
        _credentials["key codes:read"] = await _owner.CreateApiKeyAsync("codes:read");
        _credentials["key codes:write"] = await _owner.CreateApiKeyAsync("codes:write");
        _credentials["key analytics:read"] = await _owner.CreateApiKeyAsync("analytics:read");
        _credentials["revoked key"] = revokedBody["key"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
