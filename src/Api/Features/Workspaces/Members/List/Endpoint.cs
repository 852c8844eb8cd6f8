using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Members.List;

internal sealed class ListMembersEndpoint(QrAspireDbContext db) : Endpoint<WorkspaceIdRequest, WorkspaceMemberListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.WorkspaceMembers);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "List a workspace's members";
            s.Description = "Owners first, then by e-mail. Every member may see who else is in the workspace.";
            s.Responses[403] = "You are not a member (not-a-member).";
        });
    }

    public override async Task HandleAsync(WorkspaceIdRequest request, CancellationToken ct)
    {
        var (_, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), WorkspaceRoles.Viewer, ct);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var members = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == request.Id)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new WorkspaceMemberResponse(m.AccountId, a.Email, m.Role, m.JoinedAt))
            .ToListAsync(ct);
        var ordered = members
            .OrderByDescending(m => m.Role == WorkspaceRoles.Owner)
            .ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        await Send.OkAsync(new WorkspaceMemberListResponse(ordered), ct);
    }
}
