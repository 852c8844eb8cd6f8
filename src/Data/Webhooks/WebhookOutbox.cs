using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Model;

namespace QrAspire.Data.Webhooks;

/// <summary>
/// Queues webhook events in the caller's unit of work: the event and one delivery per subscribed, enabled endpoint are
/// added to <see cref="QrAspireDbContext"/>, and the caller's <c>SaveChanges</c> commits them with the change itself —
/// so an event is never sent for a change that was rolled back, nor lost for one that was committed.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>How long a delivery is retried before it fails.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(24);

    /// <summary>The <c>events</c> column's form of one type: a LIKE for it never matches a longer type.</summary>
    public static string Token(string type) => "," + type + ",";

    /// <summary>The <c>events</c> column's form of a set of types.</summary>
    public static string Join(IEnumerable<string> types) => "," + string.Join(',', types) + ",";

    /// <summary>The types in an <c>events</c> column.</summary>
    public static IReadOnlyList<string> Split(string events) =>
        events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The id receivers see: <c>evt_{id}</c>.</summary>
    public static string EventId(long id) => "evt_" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds a <paramref name="type"/> event with <paramref name="payload"/> (JSON) when an enabled endpoint of
    /// <paramref name="workspaceId"/> subscribes to it — one indexed query, and no serialising, when none does; returns whether one did.
    /// </summary>
    public static async Task<bool> AddAsync(QrAspireDbContext db, string workspaceId, string type, Func<string> payload, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payload);
        var token = Token(type);
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Enabled && e.Events.Contains(token))
            .Select(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (endpoints.Count == 0)
        {
            return false;
        }

        Add(db, workspaceId, type, payload(), now, endpoints);
        return true;
    }

    /// <summary>Adds an event with deliveries to the given endpoints, subscribed or not (the test event).</summary>
    public static WebhookEvent Add(QrAspireDbContext db, string workspaceId, string type, string payload, DateTime now, IEnumerable<string> endpointIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(endpointIds);
        var webhookEvent = new WebhookEvent { WorkspaceId = workspaceId, Type = type, Payload = payload, CreatedAt = now };
        db.WebhookEvents.Add(webhookEvent);
        foreach (var endpoint in endpointIds)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Event = webhookEvent,
                EndpointId = endpoint,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                GiveUpAt = now + RetryWindow,
                CreatedAt = now,
            });
        }

        return webhookEvent;
    }

    /// <summary>Whether <paramref name="db"/> holds deliveries about to be inserted.</summary>
    internal static bool HasQueued(QrAspireDbContext db) =>
        db.ChangeTracker.Entries<WebhookDelivery>().Any(d => d.State == EntityState.Added);

    /// <summary>
    /// Stops tracking the queued deliveries whose endpoint has been removed since they were queued, and the events left
    /// with none; returns whether any was dropped.
    /// </summary>
    internal static async Task<bool> DropDeliveriesToRemovedEndpointsAsync(QrAspireDbContext db, CancellationToken cancellationToken)
    {
        var queued = db.ChangeTracker.Entries<WebhookDelivery>().Where(d => d.State == EntityState.Added).ToList();
        var named = queued.Select(d => d.Entity.EndpointId).Distinct().ToList();
        var live = await db.WebhookEndpoints.AsNoTracking().Where(e => named.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var gone = queued.Where(d => !live.Contains(d.Entity.EndpointId)).ToList();
        foreach (var delivery in gone)
        {
            delivery.State = EntityState.Detached;
        }

        var kept = queued.Except(gone).Select(d => d.Entity.Event).ToHashSet();
        foreach (var orphan in db.ChangeTracker.Entries<WebhookEvent>().Where(e => e.State == EntityState.Added && !kept.Contains(e.Entity)).ToList())
        {
            orphan.State = EntityState.Detached;
        }

        return gone.Count > 0;
    }
}
