using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Webhooks.Deliveries;

internal sealed class ListWebhookDeliveriesEndpoint(QrAspireDbContext db) : Endpoint<WebhookIdRequest, WebhookDeliveryListResponse>
{
    private const int MaxLimit = 100;

    public override void Configure()
    {
        Get(ApiRoutes.WebhookDeliveries);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "List an endpoint's deliveries";
            s.Description = "Newest first: status, attempts, the last answer's status code, duration and first kilobyte. "
                + "limit (1–100, default 50) bounds the page; before=<delivery id> continues after the last one shown.";
            s.Responses[200] = "The deliveries.";
            s.Responses[400] = "limit or before is not a number in range.";
            s.Responses[404] = "No such endpoint in your workspace.";
        });
    }

    public override async Task HandleAsync(WebhookIdRequest request, CancellationToken ct)
    {
        var limit = Query<int?>("limit", isRequired: false) ?? 50;
        var before = Query<long?>("before", isRequired: false);
        if (limit is < 1 or > MaxLimit)
        {
            await Send.ResultAsync(Problems.Field("limit", $"Must be from 1 to {MaxLimit}.", "limit_out_of_range").ToResult());
            return;
        }

        if (!await WebhookEndpoints.Owned(db, User.WorkspaceId()).AnyAsync(e => e.Id == request.Id, ct))
        {
            await Send.ResultAsync(Problems.NotFound("No such webhook endpoint.").ToResult());
            return;
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == request.Id);
        if (before is { } cursor)
        {
            deliveries = deliveries.Where(d => d.Id < cursor);
        }

        var page = await deliveries.OrderByDescending(d => d.Id).Take(limit).Include(d => d.Event).ToListAsync(ct);
        await Send.OkAsync(new WebhookDeliveryListResponse(page.Select(d => d.ToResponse(d.Event!)).ToList()), ct);
    }
}
