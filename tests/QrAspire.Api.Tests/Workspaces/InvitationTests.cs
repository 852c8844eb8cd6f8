using System.Net;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;

namespace QrAspire.Api.Tests.Workspaces;

[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class InvitationTests(ApiHost api)
{
    [Fact]
    public async Task TheInvitedAccountAcceptsOnceAndActsInTheWorkspaceWithTheInvitedRole()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner, "Acme");
        var (_, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email.ToUpperInvariant(), WorkspaceRoles.Editor);

        using var accepted = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        using var again = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        using var create = await invitee.In(team).SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com/" });
        using var members = await owner.SendAsync(HttpMethod.Get, $"/api/v1/workspaces/{team}/members");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var workspace = await Teams.JsonAsync(accepted);
        Assert.Equal(team, workspace["id"]!.GetValue<string>());
        Assert.Equal(WorkspaceRoles.Editor, workspace["role"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Gone);
        Assert.Contains("invitation_used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Contains(invitee.AccountId, await members.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimultaneousAcceptsOfOneTokenJoinOnceAndTheOthersHearItWasUsed()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var (_, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Editor);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token })));
        var memberships = await api.QueryAsync(db => db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == team && m.AccountId == invitee.AccountId));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Gone);
                Assert.Contains("invitation_used", await loser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(1, memberships);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task AcceptingWhenAlreadyAMemberKeepsTheRoleAndUsesTheInvitation()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var (_, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Viewer);
        await Teams.AddAsync(api.Factory, team, invitee, WorkspaceRoles.Admin);

        using var accepted = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        using var again = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        var roles = await api.QueryAsync(db => db.WorkspaceMembers.Where(m => m.WorkspaceId == team && m.AccountId == invitee.AccountId).Select(m => m.Role).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(WorkspaceRoles.Admin, (await Teams.JsonAsync(accepted))["role"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Gone);
        Assert.Equal([WorkspaceRoles.Admin], roles);
    }

    [Fact]
    public async Task AnotherAccountCannotAcceptAndTheInvitationStillWorksForTheInvitedOne()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var thief = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var (_, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Viewer);

        using var stolen = await thief.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        using var rightful = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });

        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.Forbidden);
        Assert.Contains("invitation_other_account", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightful.StatusCode);
    }

    [Fact]
    public async Task AnUnverifiedAddressCannotAccept()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory, verified: false);
        var team = await Teams.CreateAsync(owner);
        var (_, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Viewer);

        using var refused = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("invitation_other_account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredInvitationIsGone()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var (id, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Viewer);
        await Mailbox.WithDatabaseAsync(api.Factory, db =>
            db.WorkspaceInvitations.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        using var refused = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });
        using var open = await owner.SendAsync(HttpMethod.Get, $"/api/v1/workspaces/{team}/invitations");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Gone);
        Assert.Contains("invitation_expired", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedInvitationIsGone()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var invitee = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var (id, token) = await Teams.InviteAsync(api.Factory, owner, team, invitee.Email, WorkspaceRoles.Viewer);
        using var listed = await owner.SendAsync(HttpMethod.Get, $"/api/v1/workspaces/{team}/invitations");
        Assert.Contains(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var revoke = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/invitations/{id}");
        using var refused = await invitee.SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token });

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Gone);
        Assert.Contains("invitation_revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address", "viewer", "email")]
    [InlineData("someone@example.com", "superuser", "role")]
    [InlineData("someone@example.com", null, "role")]
    public async Task ABadInvitationIsAProblemNamingTheField(string email, string? role, string field)
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/v1/workspaces/{team}/invitations", new { email, role });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
