using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Workspaces.Get;

internal sealed class GetWorkspaceEndpoint(QrAspireDbContext db) : Endpoint<WorkspaceIdRequest, WorkspaceResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Workspace);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Get a workspace";
            s.Description = "With your role in it.";
            s.Responses[403] = "You are not a member (not-a-member).";
        });
    }

    public override async Task HandleAsync(WorkspaceIdRequest request, CancellationToken ct)
    {
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), WorkspaceRoles.Viewer, ct);
        await Send.ResultAsync(problem is not null ? problem.ToResult() : TypedResults.Ok(access!.ToResponse()));
    }
}
