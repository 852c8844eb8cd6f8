extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using QrAspire.Data.Model;

namespace QrAspire.Api.Tests.Workspaces;

/// <summary>Shared workspaces for tests: created through the Api, members added straight to the database.</summary>
internal static class Teams
{
    /// <summary>A new shared workspace owned by <paramref name="owner"/>; its id.</summary>
    public static async Task<string> CreateAsync(ApiClient owner, string? name = null)
    {
        using var response = await owner.In(null).SendAsync(HttpMethod.Post, "/api/v1/workspaces", new { name = name ?? "team " + Guid.NewGuid().ToString("N")[..6] });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>Makes <paramref name="member"/> a member of <paramref name="workspaceId"/> with <paramref name="role"/>, as after an accepted invitation.</summary>
    public static Task AddAsync(WebApplicationFactory<api::Program> factory, string workspaceId, ApiClient member, string role) =>
        Mailbox.WithDatabaseAsync(factory, async db =>
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, AccountId = member.AccountId, Role = role, JoinedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    /// <summary>Invites <paramref name="email"/> and returns the invitation's id and the token from its mail.</summary>
    public static async Task<(string Id, string Token)> InviteAsync(WebApplicationFactory<api::Program> factory, ApiClient admin, string workspaceId, string email, string role)
    {
        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/invitations", new { email, role });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonNode.Parse(body)!["id"]!.GetValue<string>(), await Mailbox.TokenAsync(factory, email, "workspace-invitation"));
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
