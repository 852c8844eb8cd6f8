using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Invitations.Revoke;

internal sealed class RevokeInvitationEndpoint(QrAspireDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<WorkspaceInvitationIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.WorkspaceInvitation);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Revoke an invitation";
            s.Description = "Its link stops working at once. Admins and owners only.";
            s.Responses[204] = "Revoked.";
            s.Responses[403] = "You are not a member (not-a-member) or not an admin (role-required).";
            s.Responses[404] = "No such open invitation.";
        });
    }

    public override async Task HandleAsync(WorkspaceInvitationIdRequest request, CancellationToken ct)
    {
        var (_, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), WorkspaceRoles.Admin, ct);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var invitation = await db.WorkspaceInvitations
            .FirstOrDefaultAsync(i => i.Id == request.InvitationId && i.WorkspaceId == request.Id && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such open invitation.").ToResult());
            return;
        }

        invitation.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.InvitationRevoked, AuditTargets.Invitation, invitation.Id, null, request.Id);
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
