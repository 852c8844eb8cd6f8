using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks.Redeliver;

internal sealed class RedeliverWebhookEndpoint(QrAspireDbContext db, TimeProvider clock) : Endpoint<WebhookIdRequest, WebhookDeliveryResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.WebhookRedeliver);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Deliver an event again";
            s.Description = "Sends the same event (same QrAspire-Event-Id, the receiver's idempotency key) again now, succeeded or failed, and "
                + "retries it for another 24 hours if it fails.";
            s.Responses[202] = "Queued.";
            s.Responses[404] = "No such endpoint or delivery in your workspace.";
            s.Responses[409] = "The endpoint is disabled: enable it first.";
        });
    }

    public override async Task HandleAsync(WebhookIdRequest request, CancellationToken ct)
    {
        var deliveryId = Route<long>("deliveryId", isRequired: false);
        var endpoint = await WebhookEndpoints.Owned(db, User.WorkspaceId()).AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, ct);
        var delivery = endpoint is null ? null
            : await db.WebhookDeliveries.Include(d => d.Event).FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpoint.Id, ct);
        if (delivery is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such webhook delivery.").ToResult());
            return;
        }

        if (!endpoint!.Enabled)
        {
            await Send.ResultAsync(Problems.Conflict("The endpoint is disabled; enable it to send it events.").ToResult());
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.GiveUpAt = now + WebhookOutbox.RetryWindow;
        await db.SaveChangesAsync(ct);
        await Send.ResponseAsync(delivery.ToResponse(delivery.Event!), 202, ct);
    }
}
