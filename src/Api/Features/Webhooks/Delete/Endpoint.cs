using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.Delete;

internal sealed class DeleteWebhookEndpoint(QrAspireDbContext db, AuditTrail audit) : Endpoint<WebhookIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.Webhook);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Remove a webhook endpoint";
            s.Description = "Its pending deliveries are dropped with it, and its delivery log.";
            s.Responses[204] = "Removed.";
            s.Responses[404] = "No such endpoint in your workspace.";
        });
    }

    public override async Task HandleAsync(WebhookIdRequest request, CancellationToken ct)
    {
        var endpoint = await WebhookEndpoints.Owned(db, User.WorkspaceId()).FirstOrDefaultAsync(e => e.Id == request.Id, ct);
        if (endpoint is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult());
            return;
        }

        // Its deliveries go with it (cascade in the database); the audit entry is written in the same transaction.
        db.WebhookEndpoints.Remove(endpoint);
        audit.Removed(endpoint, AuditActions.WebhookDeleted, AuditTargets.Webhook, endpoint.Id);
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
