using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Rename;

internal sealed class RenameWorkspaceEndpoint(QrAspireDbContext db, AuditTrail audit) : Endpoint<WorkspaceRequest, WorkspaceResponse>
{
    public override void Configure()
    {
        Patch(ApiRoutes.Workspace);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Rename a workspace";
            s.Description = "Admins and owners only.";
            s.ExampleRequest = new WorkspaceRequest { Name = "Acme – spring campaign" };
            s.Responses[400] = "The name is empty or longer than 100 characters.";
            s.Responses[403] = "You are not a member (not-a-member) or not an admin (role-required).";
        });
    }

    public override async Task HandleAsync(WorkspaceRequest request, CancellationToken ct)
    {
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, Route<string>("id")!, User.AccountId(), WorkspaceRoles.Admin, ct);
        problem ??= WorkspaceAccess.CheckName(request.Name);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        access!.Workspace.Name = request.Name!.Trim();
        audit.Changed(access.Workspace, AuditActions.WorkspaceRenamed, AuditTargets.Workspace, access.Workspace.Id, access.Workspace.Id);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(access.ToResponse(), ct);
    }
}
