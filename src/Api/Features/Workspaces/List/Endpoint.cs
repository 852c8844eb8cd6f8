using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.List;

internal sealed class ListWorkspacesEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<WorkspaceListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Workspaces);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "List your workspaces";
            s.Description = "Every workspace you are a member of, with your role in it: your personal one first, then by name. "
                + "Send a workspace's id in the QrAspire-Workspace header to act in it.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var account = User.AccountId();
        var items = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.AccountId == account)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, w.Personal, m.Role, w.CreatedAt })
            .ToListAsync(ct);
        var ordered = items
            .OrderByDescending(w => w.Personal)
            .ThenBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .Select(w => new WorkspaceResponse(w.Id, w.Name, w.Personal, w.Role, w.CreatedAt))
            .ToList();
        await Send.OkAsync(new WorkspaceListResponse(ordered), ct);
    }
}
