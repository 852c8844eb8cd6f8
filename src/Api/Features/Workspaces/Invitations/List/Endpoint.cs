using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Invitations.List;

internal sealed class ListInvitationsEndpoint(QrAspireDbContext db, TimeProvider clock) : Endpoint<WorkspaceIdRequest, InvitationListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.WorkspaceInvitations);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "List open invitations";
            s.Description = "Invitations not yet accepted, revoked or expired, newest first. Admins and owners only. Tokens are never shown.";
            s.Responses[403] = "You are not a member (not-a-member) or not an admin (role-required).";
        });
    }

    public override async Task HandleAsync(WorkspaceIdRequest request, CancellationToken ct)
    {
        var (_, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), WorkspaceRoles.Admin, ct);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.WorkspaceInvitations.AsNoTracking()
            .Where(i => i.WorkspaceId == request.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(ct);
        await Send.OkAsync(new InvitationListResponse(open.Select(i => i.ToResponse()).ToList()), ct);
    }
}
