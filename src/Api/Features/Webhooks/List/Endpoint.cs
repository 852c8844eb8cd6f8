using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.List;

internal sealed class ListWebhooksEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<WebhookEndpointListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Webhooks);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "List webhook endpoints";
            s.Description = "Oldest first, without their secrets. A workspace holds at most QUOTA_WEBHOOKS (default 10), so the list is never paged.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var endpoints = await WebhookEndpoints.Owned(db, User.WorkspaceId()).AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
        await Send.OkAsync(new WebhookEndpointListResponse(endpoints.Select(e => e.ToResponse()).ToList()), ct);
    }
}
