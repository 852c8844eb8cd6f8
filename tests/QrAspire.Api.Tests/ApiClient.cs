extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;

namespace QrAspire.Api.Tests;

/// <summary>A signed-up user and the calls tests make, over real HTTP to the in-process Api.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public string AccessToken { get; private set; } = "";
    public string RefreshToken { get; private set; } = "";
    public string AccountId { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>The workspace this client's requests name in the workspace header; null: the personal one.</summary>
    public string? Workspace { get; private init; }

    /// <summary>The same person acting in <paramref name="workspaceId"/> (null: their personal workspace).</summary>
    public ApiClient In(string? workspaceId) =>
        new(http) { AccessToken = AccessToken, RefreshToken = RefreshToken, AccountId = AccountId, Email = Email, Workspace = workspaceId };

    /// <summary>
    /// Registers a new account. <paramref name="verified"/>: its address is marked verified in the database (as after
    /// the mailed link, without the link's sign-out), so it may create API keys.
    /// </summary>
    public static async Task<ApiClient> SignUpAsync(WebApplicationFactory<api::Program> factory, bool verified = true, string? email = null)
    {
        var client = new ApiClient(factory.CreateClient());
        client.Email = email ?? $"user-{Guid.NewGuid():N}@example.com";
        using var response = await client.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = client.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        client.AccountId = body!["account"]!["id"]!.GetValue<string>();
        client.UseTokens(body["tokens"]!);
        if (verified)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<QrAspireDbContext>().Accounts.Where(a => a.Id == client.AccountId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerifiedAt, DateTime.UtcNow));
        }

        return client;
    }

    public void UseTokens(JsonNode tokens)
    {
        AccessToken = tokens["accessToken"]!.GetValue<string>();
        RefreshToken = tokens["refreshToken"]!.GetValue<string>();
    }

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? AccessToken);
        if (Workspace is not null)
        {
            request.Headers.Add(QrAspire.Contracts.WorkspaceHeader.Name, Workspace);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? bearer = null)
    {
        using var request = Request(method, path, body, bearer);
        return await http.SendAsync(request);
    }

    public async Task<JsonObject> CreateDynamicAsync(string destination = "https://example.com/start", string? name = null, object? extra = null)
    {
        var body = new JsonObject { ["name"] = name ?? "code " + Guid.NewGuid().ToString("N")[..6], ["type"] = "dynamic", ["destination"] = destination };
        Merge(body, extra);
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/qr-codes", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> CreateStaticAsync(object content, string? name = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = name ?? "static", type = "static", content });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<string> CreateApiKeyAsync(params string[] scopes)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "test key", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    private static void Merge(JsonObject target, object? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            target[key] = value?.DeepClone();
        }
    }
}
