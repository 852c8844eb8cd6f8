using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks.Update;

internal sealed class UpdateWebhookEndpoint(QrAspireDbContext db, WebhookTargets targets, AuditTrail audit, TimeProvider clock) : Endpoint<WebhookEndpointUpdate, WebhookEndpointResponse>
{
    public override void Configure()
    {
        Patch(ApiRoutes.Webhook);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Change a webhook endpoint";
            s.Description = "Changes the URL (checked as when adding), the event types, or enables/disables it. Enabling resets the failure count; "
                + "deliveries still pending resume.";
            s.ExampleRequest = new WebhookEndpointUpdate { Enabled = true };
            s.Responses[200] = "The changed endpoint.";
            s.Responses[400] = "The URL or an event type is refused (problem+json naming the field).";
            s.Responses[404] = "No such endpoint in your workspace.";
        });
    }

    public override async Task HandleAsync(WebhookEndpointUpdate request, CancellationToken ct)
    {
        var id = Route<string>("id")!;
        var endpoint = await WebhookEndpoints.Owned(db, User.WorkspaceId()).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult());
            return;
        }

        if (request.Events is not null)
        {
            var (events, problem) = WebhookChecks.CheckEvents(request.Events);
            if (problem is not null)
            {
                await Send.ResultAsync(problem.ToResult());
                return;
            }

            endpoint.Events = WebhookOutbox.Join(events!);
        }

        if (request.Url is not null)
        {
            var (url, problem) = await WebhookChecks.CheckUrlAsync(targets, request.Url, ct);
            if (problem is not null)
            {
                await Send.ResultAsync(problem.ToResult());
                return;
            }

            endpoint.Url = url!;
        }

        if (request.Enabled is { } enabled && enabled != endpoint.Enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = enabled ? null : WebhookDisabledReasons.Manual;
            endpoint.ConsecutiveFailures = 0;
            endpoint.FailingSince = null;
        }

        endpoint.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Changed(endpoint, AuditActions.WebhookUpdated, AuditTargets.Webhook, endpoint.Id);
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(endpoint.ToResponse(), ct);
    }
}
