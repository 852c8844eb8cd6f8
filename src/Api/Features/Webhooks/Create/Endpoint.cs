using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks.Create;

internal sealed class CreateWebhookEndpoint(QrAspireDbContext db, WebhookTargets targets, AccountQuotas quotas, AuditTrail audit, TimeProvider clock)
    : Endpoint<WebhookEndpointRequest, WebhookEndpointResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.Webhooks);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Add a webhook endpoint";
            s.Description = "Events of the subscribed types are POSTed to the URL as JSON, signed with the secret in this answer "
                + "(QrAspire-Signature, see docs/webhooks.md); the secret is shown again only when rotated. The URL must be https and "
                + "resolve to public addresses only: loopback, private, link-local and metadata addresses are refused.";
            s.ExampleRequest = new WebhookEndpointRequest { Url = "https://crm.example.com/hooks/qr", Events = [WebhookEventTypes.QrCodeCreated, WebhookEventTypes.ScanRecorded] };
            s.Responses[201] = "Added; the answer holds the signing secret.";
            s.Responses[400] = "The URL is not https, does not resolve, or resolves to a non-public address; or an event type is unknown (problem+json naming the field).";
            s.Responses[403] = "Called with an API key, the e-mail address is not verified (email-unverified), or the workspace holds as many endpoints as its quota allows (quota-exceeded).";
        });
    }

    public override async Task HandleAsync(WebhookEndpointRequest request, CancellationToken ct)
    {
        var workspace = User.WorkspaceId();
        var (events, eventsProblem) = WebhookChecks.CheckEvents(request.Events);
        if (eventsProblem is not null)
        {
            await Send.ResultAsync(eventsProblem.ToResult());
            return;
        }

        var (url, urlProblem) = await WebhookChecks.CheckUrlAsync(targets, request.Url, ct);
        if (urlProblem is not null)
        {
            await Send.ResultAsync(urlProblem.ToResult());
            return;
        }

        if (await quotas.CheckWebhookAsync(workspace, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var enabled = request.Enabled ?? true;
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New("whk"),
            WorkspaceId = workspace,
            Url = url!,
            Events = WebhookOutbox.Join(events!),
            Secret = WebhookMapping.NewSecret(),
            Enabled = enabled,
            DisabledReason = enabled ? null : WebhookDisabledReasons.Manual,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        audit.Created(endpoint, AuditActions.WebhookCreated, AuditTargets.Webhook, endpoint.Id);
        await db.SaveChangesAsync(ct);
        HttpContext.Response.Headers.Location = ApiRoutes.Path(ApiRoutes.Webhook, endpoint.Id);
        await Send.ResponseAsync(endpoint.ToResponse(withSecret: true), 201, ct);
    }
}
