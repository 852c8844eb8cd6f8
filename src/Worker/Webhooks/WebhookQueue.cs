using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrCodes;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// The <c>webhook_deliveries</c> table as the dispatcher sees it. A delivery is due when pending, its
/// <c>next_attempt_at</c> is past and its endpoint is enabled. A Worker claims it with one conditional UPDATE that
/// moves <c>next_attempt_at</c> to the end of a lease and counts the attempt — on condition that <c>attempts</c> is
/// still what it read — so of several Workers that read the same row exactly one sends it; the outcome is written
/// only while the Worker still holds that attempt.
/// </summary>
public sealed class WebhookQueue(IServiceScopeFactory scopes, WebhookSettings settings)
{
    /// <summary>Up to <paramref name="count"/> due deliveries, the longest waiting first, with their event and endpoint.</summary>
    public Task<List<DueDelivery>> DueAsync(DateTime now, int count, CancellationToken cancellationToken) =>
        WithDbAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .Join(db.WebhookEndpoints.Where(e => e.Enabled), d => d.EndpointId, e => e.Id, (d, e) => new { Delivery = d, Endpoint = e })
            .OrderBy(x => x.Delivery.NextAttemptAt)
            .Take(count)
            .Select(x => new DueDelivery(x.Delivery.Id, x.Delivery.Attempts, x.Delivery.GiveUpAt, x.Delivery.Event!, x.Endpoint.Id, x.Endpoint.Url, x.Endpoint.Secret))
            .ToListAsync(cancellationToken));

    /// <summary>Claims a delivery until <paramref name="leaseUntil"/>; the attempt's number, or null when another Worker was first.</summary>
    public async Task<int?> ClaimAsync(DueDelivery seen, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var claimed = await WithDbAsync(db => db.WebhookDeliveries
            .Where(d => d.Id == seen.Id && d.Status == WebhookDeliveryStatus.Pending && d.Attempts == seen.Attempts && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseUntil).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken))
            .ConfigureAwait(false);
        return claimed == 1 ? seen.Attempts + 1 : null;
    }

    /// <summary>
    /// Records an attempt's outcome — succeeded, due again at <paramref name="retryAt"/>, or failed when that is null —
    /// and the endpoint's health; disables an endpoint failing for <see cref="WebhookSettings.DisableAfter"/> (or through a
    /// delivery's whole window) and queues the mail that says so, in one transaction. Returns whether it was disabled now.
    /// </summary>
    public Task<bool> RecordAsync(DueDelivery delivery, int attempt, WebhookAttempt outcome, DateTime now, DateTime? retryAt, CancellationToken cancellationToken) =>
        WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var status = outcome.Succeeded ? WebhookDeliveryStatus.Succeeded : retryAt is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            var recorded = await db.WebhookDeliveries
                .Where(d => d.Id == delivery.Id && d.Attempts == attempt && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.NextAttemptAt, retryAt ?? now)
                    .SetProperty(d => d.ResponseStatus, outcome.Status)
                    .SetProperty(d => d.DurationMs, outcome.DurationMs)
                    .SetProperty(d => d.ResponseExcerpt, outcome.Excerpt)
                    .SetProperty(d => d.LastAttemptAt, now), cancellationToken).ConfigureAwait(false);
            var disabled = false;
            if (recorded == 1 && outcome.Succeeded)
            {
                await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId && (e.ConsecutiveFailures != 0 || e.FailingSince != null))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0).SetProperty(e => e.FailingSince, (DateTime?)null), cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (recorded == 1)
            {
                await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1).SetProperty(e => e.FailingSince, e => e.FailingSince ?? now), cancellationToken)
                    .ConfigureAwait(false);
                // Disabled when every attempt failed for DisableAfter, or when this delivery failed for good with no
                // success in between (the counter, reset by a success, covers all of its attempts).
                var failingSince = now - settings.DisableAfter;
                var givenUp = status == WebhookDeliveryStatus.Failed;
                disabled = await db.WebhookEndpoints
                    .Where(e => e.Id == delivery.EndpointId && e.Enabled
                        && ((e.FailingSince != null && e.FailingSince <= failingSince) || (givenUp && e.ConsecutiveFailures >= attempt)))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledReason, WebhookDisabledReasons.Failing).SetProperty(e => e.UpdatedAt, now), cancellationToken)
                    .ConfigureAwait(false) == 1;
                if (disabled)
                {
                    await QueueDisabledMailAsync(db, delivery, now, cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return disabled;
        });

    // The workspace's owners and admins manage its webhooks: each of them is told.
    private static async Task QueueDisabledMailAsync(QrAspireDbContext db, DueDelivery delivery, DateTime now, CancellationToken cancellationToken)
    {
        var emails = await db.EmailsAsync(delivery.Event.WorkspaceId, [WorkspaceRoles.Owner, WorkspaceRoles.Admin], cancellationToken).ConfigureAwait(false);
        foreach (var email in emails)
        {
            db.EmailMessages.Add(new EmailMessage
            {
                Id = Ids.New("mail"),
                To = email,
                Template = "webhook-disabled",
                Data = JsonSerializer.Serialize(new Dictionary<string, string> { ["webhook_id"] = delivery.EndpointId, ["url"] = delivery.Url }),
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithDbAsync<T>(Func<QrAspireDbContext, Task<T>> work)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await work(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>()).ConfigureAwait(false);
        }
    }
}

/// <summary>A due delivery with what sending it needs.</summary>
public sealed record DueDelivery(long Id, int Attempts, DateTime GiveUpAt, WebhookEvent Event, string EndpointId, string Url, string Secret);
