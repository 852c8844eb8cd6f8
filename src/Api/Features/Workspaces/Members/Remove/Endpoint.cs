using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Members.Remove;

internal sealed class RemoveMemberEndpoint(QrAspireDbContext db, AuditTrail audit, ApiKeyRevocations revocations, TimeProvider clock) : Endpoint<WorkspaceMemberIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.WorkspaceMember);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Remove a member, or leave";
            s.Description = "Admins and owners remove members (only an owner removes an owner); anyone may remove themselves to leave. "
                + "The member loses access with their next request, and every API key they created in the workspace is revoked. The last owner cannot leave.";
            s.Responses[204] = "Removed.";
            s.Responses[403] = "You are not a member (not-a-member), or your role is too low (role-required).";
            s.Responses[404] = "No such member.";
            s.Responses[409] = "The member is the last owner (last_owner).";
        });
    }

    public override async Task HandleAsync(WorkspaceMemberIdRequest request, CancellationToken ct)
    {
        var self = request.AccountId == User.AccountId();
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), self ? WorkspaceRoles.Viewer : WorkspaceRoles.Admin, ct);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var member = await db.Membership(request.Id, request.AccountId).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such member of this workspace.").ToResult());
            return;
        }

        if (member.Role == WorkspaceRoles.Owner)
        {
            if (!self && access!.Role != WorkspaceRoles.Owner)
            {
                await Send.ResultAsync(ActingWorkspace.RoleRequired(WorkspaceRoles.Owner).ToResult());
                return;
            }

            if (await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == request.Id && m.Role == WorkspaceRoles.Owner, ct) <= 1)
            {
                await Send.ResultAsync(WorkspaceAccess.LastOwner().ToResult());
                return;
            }
        }

        db.WorkspaceMembers.Remove(member);
        audit.Removed(member, AuditActions.MemberRemoved, AuditTargets.Member, member.AccountId, request.Id);
        // Keys act for the workspace, not for a person, but one made by someone who is gone would keep an ex-member's
        // access: revoked in the same save, so the member and their keys leave together (or neither does).
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = await db.ApiKeys.Where(k => k.WorkspaceId == request.Id && k.CreatedBy == member.AccountId && k.RevokedAt == null).ToListAsync(ct);
        foreach (var key in keys)
        {
            key.RevokedAt = now;
            audit.Changed(key, AuditActions.ApiKeyRevoked, AuditTargets.ApiKey, key.Id, request.Id, self ? ApiKeyRevocationReasons.CreatorLeft : ApiKeyRevocationReasons.CreatorRemoved);
        }

        await db.SaveChangesAsync(ct);
        if (keys.Count > 0)
        {
            await revocations.CommittedAsync();
        }

        await Send.NoContentAsync(ct);
    }
}
