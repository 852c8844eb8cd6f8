using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.Delete;

internal sealed class DeleteWebhookEndpoint(QrAspireDbContext db) : Endpoint<WebhookIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.Webhook);
        Policies(ApiScopes.UserOnly);
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
        var removed = await WebhookEndpoints.Owned(db, User.WorkspaceId()).Where(e => e.Id == request.Id).ExecuteDeleteAsync(ct);
        await (removed == 0 ? Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult()) : Send.NoContentAsync(ct));
    }
}
