using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Members.Update;

internal sealed class UpdateMemberEndpoint(QrAspireDbContext db, AuditTrail audit) : Endpoint<WorkspaceMemberUpdate, WorkspaceMemberResponse>
{
    public override void Configure()
    {
        Patch(ApiRoutes.WorkspaceMember);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Change a member's role";
            s.Description = "Admins and owners; only an owner makes someone an owner or changes an owner's role, and the last owner keeps the role. "
                + "Takes effect with the member's next request.";
            s.ExampleRequest = new WorkspaceMemberUpdate { Role = WorkspaceRoles.Editor };
            s.Responses[400] = "The role is not one of owner, admin, editor, viewer (role_invalid).";
            s.Responses[403] = "You are not a member (not-a-member), or your role is too low (role-required).";
            s.Responses[404] = "No such member.";
            s.Responses[409] = "The member is the last owner (last_owner).";
        });
    }

    public override async Task HandleAsync(WorkspaceMemberUpdate request, CancellationToken ct)
    {
        var workspaceId = Route<string>("id")!;
        var accountId = Route<string>("accountId")!;
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, workspaceId, User.AccountId(), WorkspaceRoles.Admin, ct);
        problem ??= WorkspaceAccess.CheckRole(request.Role, "role");
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var member = await db.Membership(workspaceId, accountId).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such member of this workspace.").ToResult());
            return;
        }

        var ownerInvolved = member.Role == WorkspaceRoles.Owner || request.Role == WorkspaceRoles.Owner;
        if (ownerInvolved && access!.Role != WorkspaceRoles.Owner)
        {
            await Send.ResultAsync(ActingWorkspace.RoleRequired(WorkspaceRoles.Owner).ToResult());
            return;
        }

        if (member.Role == WorkspaceRoles.Owner && request.Role != WorkspaceRoles.Owner
            && await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRoles.Owner, ct) <= 1)
        {
            await Send.ResultAsync(WorkspaceAccess.LastOwner().ToResult());
            return;
        }

        member.Role = request.Role!;
        audit.Changed(member, AuditActions.MemberRoleChanged, AuditTargets.Member, member.AccountId, workspaceId);
        await db.SaveChangesAsync(ct);
        var email = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Email).FirstAsync(ct);
        await Send.OkAsync(new WorkspaceMemberResponse(member.AccountId, email, member.Role, member.JoinedAt), ct);
    }
}
