using System.Text.Json;
using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Data;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks.SendTest;

internal sealed class SendTestWebhookEndpoint(QrAspireDbContext db, TimeProvider clock) : Endpoint<WebhookIdRequest, WebhookDeliveryResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.WebhookTest);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Send a test event";
            s.Description = "Queues a ping event for this endpoint alone, whatever it subscribes to; the Worker delivers it within a second or "
                + "two, signed like any other. Follow it in the delivery log.";
            s.Responses[202] = "Queued; the delivery to follow.";
            s.Responses[404] = "No such endpoint in your workspace.";
            s.Responses[409] = "The endpoint is disabled: enable it first.";
        });
    }

    public override async Task HandleAsync(WebhookIdRequest request, CancellationToken ct)
    {
        var endpoint = await WebhookEndpoints.Owned(db, User.WorkspaceId()).AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, ct);
        if (endpoint is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult());
            return;
        }

        if (!endpoint.Enabled)
        {
            await Send.ResultAsync(Problems.Conflict("The endpoint is disabled; enable it to send it events.").ToResult());
            return;
        }

        var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["webhookId"] = endpoint.Id }, WebhookJson.Default.DictionaryStringString);
        var webhookEvent = WebhookOutbox.Add(db, endpoint.WorkspaceId, WebhookEventTypes.Ping, payload, clock.GetUtcNow().UtcDateTime, [endpoint.Id]);
        await db.SaveChangesAsync(ct);
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstAsync(d => d.EventId == webhookEvent.Id && d.EndpointId == endpoint.Id, ct);
        await Send.ResponseAsync(delivery.ToResponse(webhookEvent), 202, ct);
    }
}
