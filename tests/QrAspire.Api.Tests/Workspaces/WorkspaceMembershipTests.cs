using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;

namespace QrAspire.Api.Tests.Workspaces;

[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class WorkspaceMembershipTests(ApiHost api)
{
    [Fact]
    public async Task ANonMemberNamingTheWorkspaceIsRefusedWithNotAMember()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var stranger = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);

        using var codes = await stranger.In(team).SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
        using var unknown = await stranger.In("ws_doesnotexist").SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
        using var members = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/workspaces/{team}/members");

        await ProblemAssert.IsProblemAsync(codes, HttpStatusCode.Forbidden);
        Assert.Contains("not_a_member", await codes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not_a_member", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not_a_member", await members.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessWithTheirNextRequest()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var member = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        await Teams.AddAsync(api.Factory, team, member, WorkspaceRoles.Editor);
        using var before = await member.In(team).SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var removed = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/members/{member.AccountId}");
        using var after = await member.In(team).SendAsync(HttpMethod.Get, "/api/v1/qr-codes");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Forbidden);
        Assert.Contains("not_a_member", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, ApiKeyRevocationReasons.CreatorRemoved)]
    [InlineData(true, ApiKeyRevocationReasons.CreatorLeft)]
    public async Task TheApiKeysOfAMemberWhoIsRemovedOrLeavesStopWorkingAtOnce(bool leaves, string reason)
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var admin = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        await Teams.AddAsync(api.Factory, team, admin, WorkspaceRoles.Admin);
        var adminKey = await admin.In(team).CreateApiKeyAsync("codes:read");
        var ownerKey = await owner.In(team).CreateApiKeyAsync("codes:read");
        await ApiKeyCacheTests.WaitUntilListeningAsync(api.Factory);
        using var before = await admin.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: adminKey);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var removed = await (leaves ? admin : owner).SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/members/{admin.AccountId}");
        using var afterAdminKey = await admin.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: adminKey);
        using var afterOwnerKey = await owner.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: ownerKey);
        var revocations = await api.QueryAsync(db => db.AuditEntries
            .Where(e => e.WorkspaceId == team && e.Action == AuditActions.ApiKeyRevoked).Select(e => e.Changes).ToListAsync());

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterAdminKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterOwnerKey.StatusCode);
        var changes = JsonNode.Parse(Assert.Single(revocations)!)!;
        Assert.Equal(reason, changes["reason"]!["new"]!.GetValue<string>());
        Assert.NotNull(changes["revokedAt"]!["new"]);
    }

    [Fact]
    public async Task ARoleChangeTakesEffectOnTheNextRequest()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var member = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        await Teams.AddAsync(api.Factory, team, member, WorkspaceRoles.Editor);
        var code = (await member.In(team).CreateDynamicAsync())["id"]!.GetValue<string>();

        using var demoted = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/workspaces/{team}/members/{member.AccountId}", new { role = WorkspaceRoles.Viewer });
        using var delete = await member.In(team).SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code}");
        using var read = await member.In(team).SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code}");

        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.Forbidden);
        var refusal = await delete.Content.ReadAsStringAsync();
        Assert.Contains("role_required", refusal, StringComparison.Ordinal);
        Assert.Contains("editor", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task TheLastOwnerCannotLeaveNorBeDemotedButLeavesOnceThereIsAnother()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var second = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);

        using var leave = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/members/{owner.AccountId}");
        using var demote = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/workspaces/{team}/members/{owner.AccountId}", new { role = WorkspaceRoles.Admin });
        using var leavePersonal = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{owner.AccountId}/members/{owner.AccountId}");
        await ProblemAssert.IsProblemAsync(leave, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(demote, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(leavePersonal, HttpStatusCode.Conflict);
        Assert.Contains("last_owner", await leave.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Teams.AddAsync(api.Factory, team, second, WorkspaceRoles.Admin);
        using var adminMakesOwner = await second.SendAsync(HttpMethod.Patch, $"/api/v1/workspaces/{team}/members/{second.AccountId}", new { role = WorkspaceRoles.Owner });
        using var ownerMakesOwner = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/workspaces/{team}/members/{second.AccountId}", new { role = WorkspaceRoles.Owner });
        using var leaves = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/members/{owner.AccountId}");

        await ProblemAssert.IsProblemAsync(adminMakesOwner, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, ownerMakesOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, leaves.StatusCode);
    }

    [Fact]
    public async Task ACodeMadeInATeamWorkspaceIsSeenByItsMembersAndInNoPersonalWorkspace()
    {
        var agency = await ApiClient.SignUpAsync(api.Factory);
        var client = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(agency);
        await Teams.AddAsync(api.Factory, team, client, WorkspaceRoles.Viewer);

        var code = (await agency.In(team).CreateDynamicAsync())["id"]!.GetValue<string>();

        Assert.Contains(code, await ListCodesAsync(client.In(team)));
        Assert.Contains(code, await ListCodesAsync(agency.In(team)));
        Assert.DoesNotContain(code, await ListCodesAsync(agency));
        Assert.DoesNotContain(code, await ListCodesAsync(client));
        using var personalRead = await agency.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code}");
        Assert.Equal(HttpStatusCode.NotFound, personalRead.StatusCode);
        using var list = await client.SendAsync(HttpMethod.Get, "/api/v1/workspaces");
        var items = (await Teams.JsonAsync(list))["items"]!.AsArray();
        Assert.Equal(client.AccountId, items[0]!["id"]!.GetValue<string>());
        Assert.Contains(items, w => w!["id"]!.GetValue<string>() == team && w["role"]!.GetValue<string>() == WorkspaceRoles.Viewer);
    }

    [Fact]
    public async Task AnApiKeyMadeInATeamWorkspaceActsThereWhateverHeaderItSends()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var key = await owner.In(team).CreateApiKeyAsync("codes:read", "codes:write");

        using var created = await owner.In(owner.AccountId).SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new { name = "by key", type = "dynamic", destination = "https://example.com/key" }, bearer: key);
        var id = (await Teams.JsonAsync(created))["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(id, await ListCodesAsync(owner.In(team)));
        Assert.DoesNotContain(id, await ListCodesAsync(owner));
        using var adminWork = await owner.SendAsync(HttpMethod.Get, "/api/v1/api-keys", bearer: key);
        await ProblemAssert.IsProblemAsync(adminWork, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APersonalWorkspaceTakesNoInvitationsAndIsNeverDeleted()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);

        using var invite = await owner.SendAsync(HttpMethod.Post, $"/api/v1/workspaces/{owner.AccountId}/invitations", new { email = "x@example.com", role = "viewer" });
        using var delete = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{owner.AccountId}");

        await ProblemAssert.IsProblemAsync(invite, HttpStatusCode.BadRequest);
        Assert.Contains("personal_workspace", await invite.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWorkspaceWithLiveCodesIsNotDeletedAndAnEmptyOneIs()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var code = (await owner.In(team).CreateDynamicAsync())["id"]!.GetValue<string>();

        using var refused = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}");
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("workspace_not_empty", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var deleteCode = await owner.In(team).SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code}");
        Assert.Equal(HttpStatusCode.NoContent, deleteCode.StatusCode);

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}");
        using var gone = await owner.In(team).SendAsync(HttpMethod.Get, "/api/v1/qr-codes");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeletingAWorkspaceDeletesItsLogoFilesAndNoOtherWorkspaces()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var teamLogo = await UploadLogoAsync(owner.In(team), TestImages.NoisePng(40, 40, 7));
        var personalLogo = await UploadLogoAsync(owner, TestImages.NoisePng(40, 40, 8));
        var files = await api.QueryAsync(db => db.Logos.Where(l => l.Id == teamLogo || l.Id == personalLogo)
            .ToDictionaryAsync(l => l.Id, l => Path.Combine(api.Infrastructure.BlobStoragePath, l.BlobKey)));
        Assert.True(File.Exists(files[teamLogo]));

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(files[teamLogo]), "the deleted workspace's logo file is still in storage");
        Assert.True(File.Exists(files[personalLogo]));
    }

    private static async Task<string> UploadLogoAsync(ApiClient client, byte[] png)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "logo.png" } };
        using var request = client.Request(HttpMethod.Post, "/api/v1/logos");
        request.Content = form;
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    private static async Task<List<string>> ListCodesAsync(ApiClient client)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "/api/v1/qr-codes?limit=100");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
    }
}
