using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.TestSupport;
using QrAspire.Worker.Webhooks;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>The Worker's daily clean-up: events and their deliveries past <c>WEBHOOKS_RETENTION_DAYS</c> go, newer ones stay.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class WebhookRetentionTests(ApiHost api)
{
    [Fact]
    public async Task EventsAndDeliveriesOlderThanTheRetentionAreDeletedAndNewerOnesKept()
    {
        using var worker = WebhookWorkerHost.Build(api.Infrastructure, ("WEBHOOKS_RETENTION_DAYS", "30"));
        var now = worker.Clock.GetUtcNow().UtcDateTime;
        var workspace = "usr_" + Guid.NewGuid().ToString("N")[..20];
        var endpoint = new WebhookEndpoint
        {
            Id = "whk_" + Guid.NewGuid().ToString("N")[..20],
            WorkspaceId = workspace,
            Url = "https://example.com/hook",
            Events = "qr_code.created",
            Secret = "whsec_test",
            CreatedAt = now.AddDays(-40),
            UpdatedAt = now.AddDays(-40),
        };
        await using (var scope = worker.Get<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            db.WebhookEndpoints.Add(endpoint);
            foreach (var daysAgo in new[] { 31, 29, 0 })
            {
                var created = now.AddDays(-daysAgo);
                var evt = new WebhookEvent { WorkspaceId = workspace, Type = "qr_code.created", Payload = $$"""{"age":{{daysAgo}}}""", CreatedAt = created };
                db.WebhookEvents.Add(evt);
                await db.SaveChangesAsync();
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EventId = evt.Id,
                    EndpointId = endpoint.Id,
                    Status = WebhookDeliveryStatus.Succeeded,
                    Attempts = 1,
                    NextAttemptAt = created,
                    GiveUpAt = created.AddDays(1),
                    CreatedAt = created,
                    LastAttemptAt = created,
                });
            }

            await db.SaveChangesAsync();
        }

        var (deliveries, events) = await worker.Get<WebhookRetentionJob>().DeleteExpiredAsync(CancellationToken.None);

        await using var check = worker.Get<IServiceScopeFactory>().CreateAsyncScope();
        var left = check.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var payloads = await left.WebhookEvents.AsNoTracking().Where(e => e.WorkspaceId == workspace).OrderBy(e => e.Id).Select(e => e.Payload).ToListAsync();
        Assert.Equal(["""{"age":29}""", """{"age":0}"""], payloads);
        Assert.Equal(2, await left.WebhookDeliveries.AsNoTracking().CountAsync(d => d.EndpointId == endpoint.Id));
        // Other tests' rows share the database: at least this test's old event and delivery went.
        Assert.True(deliveries >= 1 && events >= 1, $"deleted {deliveries} deliveries and {events} events");
    }
}
