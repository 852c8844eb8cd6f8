using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Workspaces.Create;

internal sealed class CreateWorkspaceEndpoint(QrAspireDbContext db, AccountQuotas quotas, AuditTrail audit, TimeProvider clock)
    : Endpoint<WorkspaceRequest, WorkspaceResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.Workspaces);
        Policies(ApiScopes.UserOnly);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Create a shared workspace";
            s.Description = "You become its owner; invite others by e-mail. An account owns at most QUOTA_WORKSPACES (default 20) shared workspaces.";
            s.ExampleRequest = new WorkspaceRequest { Name = "Acme marketing" };
            s.Responses[201] = "Created.";
            s.Responses[400] = "The name is empty or longer than 100 characters (problem+json naming the field).";
            s.Responses[403] = "Called with an API key, the e-mail address is not verified (email-unverified), or over the quota (quota-exceeded).";
        });
    }

    public override async Task HandleAsync(WorkspaceRequest request, CancellationToken ct)
    {
        if (WorkspaceAccess.CheckName(request.Name) is { } invalid)
        {
            await Send.ResultAsync(invalid.ToResult());
            return;
        }

        var account = User.AccountId();
        if (await quotas.CheckWorkspaceAsync(account, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var workspace = new Workspace { Id = Ids.New("ws"), Name = request.Name!.Trim(), Personal = false, CreatedAt = now };
        db.Workspaces.Add(workspace);
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspace.Id, AccountId = account, Role = WorkspaceRoles.Owner, JoinedAt = now });
        audit.Created(workspace, AuditActions.WorkspaceCreated, AuditTargets.Workspace, workspace.Id, workspace.Id);
        await db.SaveChangesAsync(ct);
        HttpContext.Response.Headers.Location = ApiRoutes.Path(ApiRoutes.Workspace, workspace.Id);
        await Send.ResponseAsync(new WorkspaceAccess(workspace, WorkspaceRoles.Owner).ToResponse(), 201, ct);
    }
}
