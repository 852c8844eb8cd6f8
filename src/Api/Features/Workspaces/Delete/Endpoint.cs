using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Storage;

namespace QrAspire.Api.Features.Workspaces.Delete;

internal sealed partial class DeleteWorkspaceEndpoint(QrAspireDbContext db, AuditTrail audit, IBlobStore blobs, ApiKeyRevocations revocations, ILogger<DeleteWorkspaceEndpoint> logger) : Endpoint<WorkspaceIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.Workspace);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Delete a workspace";
            s.Description = "Owners only, and only once it holds no live codes (delete or move them first). Its members, invitations, "
                + "API keys, logos, brand kits, domains, batches and webhooks go with it. A personal workspace is never deleted.";
            s.Responses[204] = "Deleted.";
            s.Responses[400] = "It is your personal workspace (personal_workspace).";
            s.Responses[403] = "You are not a member (not-a-member) or not an owner (role-required).";
            s.Responses[409] = "It still holds live codes (workspace_not_empty).";
        });
    }

    public override async Task HandleAsync(WorkspaceIdRequest request, CancellationToken ct)
    {
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, request.Id, User.AccountId(), WorkspaceRoles.Owner, ct);
        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var workspace = access!.Workspace;
        if (workspace.Personal)
        {
            await Send.ResultAsync(WorkspaceAccess.PersonalWorkspace("a personal workspace cannot be deleted").ToResult());
            return;
        }

        var live = await db.QrCodes.AsNoTracking().CountAsync(c => c.WorkspaceId == workspace.Id && c.DeletedAt == null, ct);
        if (live > 0)
        {
            await Send.ResultAsync((Problems.Conflict($"The workspace holds {live} live code(s); delete them first.") with
            {
                Errors = [new FieldError("id", "the workspace holds live codes", "workspace_not_empty")],
            }).ToResult());
            return;
        }

        // Members, invitations, keys, logos, brand kits, domains and batches cascade in the database; webhooks are keyed
        // by workspace without a foreign key and go right after, then the logos' files. The entry goes to the workspace the request acts in
        // (the caller's personal one when that was this one): this one is gone.
        var logoBlobs = await db.Logos.AsNoTracking().Where(l => l.WorkspaceId == workspace.Id).Select(l => l.BlobKey).ToListAsync(ct);
        db.Workspaces.Remove(workspace);
        audit.Record(AuditActions.WorkspaceDeleted, AuditTargets.Workspace, workspace.Id, null, User.WorkspaceId() == workspace.Id ? User.AccountId() : null);
        await db.SaveChangesAsync(ct);
        // Its keys went with it in the cascade, uncounted: every replica forgets the keys it holds (a rare clear, and
        // counting them first could miss a key made between the count and the save).
        await revocations.CommittedAsync();
        await db.WebhookEndpoints.Where(e => e.WorkspaceId == workspace.Id).ExecuteDeleteAsync(ct);
        await DeleteBlobsAsync(workspace.Id, logoBlobs);
        await Send.NoContentAsync(ct);
    }

    /// <summary>
    /// The logos' files, once their rows are gone (the other order could leave rows whose file is missing, if the
    /// save failed). Best effort: a blob that cannot be deleted now is logged with its key and stays behind, as
    /// nothing refers to it any more; the workspace is deleted either way.
    /// </summary>
    private async Task DeleteBlobsAsync(string workspaceId, List<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                // Not the request's token: the rows are gone, and a client that hangs up must not leave the files.
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogBlobLeft(logger, exception, workspaceId, key);
            }
        }
    }

    [LoggerMessage(EventId = 2100, EventName = "workspace_blob_left", Level = LogLevel.Warning,
        Message = "workspace {workspace_id} deleted, but its blob {blob_key} could not be deleted and stays in storage")]
    private static partial void LogBlobLeft(ILogger logger, Exception exception, string workspace_id, string blob_key);
}
