using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.Get;

internal sealed class GetWebhookEndpoint(QrAspireDbContext db) : Endpoint<WebhookIdRequest, WebhookEndpointResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Webhook);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Get a webhook endpoint";
            s.Responses[200] = "The endpoint, without its secret.";
            s.Responses[404] = "No such endpoint in your workspace.";
        });
    }

    public override async Task HandleAsync(WebhookIdRequest request, CancellationToken ct)
    {
        var endpoint = await WebhookEndpoints.Owned(db, User.WorkspaceId()).AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.Id, ct);
        await (endpoint is null
            ? Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult())
            : Send.OkAsync(endpoint.ToResponse(), ct));
    }
}
