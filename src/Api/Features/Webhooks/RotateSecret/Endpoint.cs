using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.RotateSecret;

internal sealed class RotateWebhookSecretEndpoint(QrAspireDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<WebhookIdRequest, WebhookEndpointResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.WebhookSecret);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Replace a webhook endpoint's signing secret";
            s.Description = "The new secret is in this answer and signs every attempt from now on, retries of older events included.";
            s.Responses[200] = "The endpoint with its new secret.";
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

        endpoint.Secret = WebhookMapping.NewSecret();
        endpoint.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Changed(endpoint, AuditActions.WebhookSecretRotated, AuditTargets.Webhook, endpoint.Id);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(endpoint.ToResponse(withSecret: true), ct);
    }
}
