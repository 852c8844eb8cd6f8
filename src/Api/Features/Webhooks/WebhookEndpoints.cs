using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Webhooks;

internal static class WebhookEndpoints
{
    /// <summary>The workspace's endpoints: another workspace's id is simply not found.</summary>
    public static IQueryable<WebhookEndpoint> Owned(QrAspireDbContext db, string workspace) =>
        db.WebhookEndpoints.Where(e => e.WorkspaceId == workspace);
}
