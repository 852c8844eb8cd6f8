using System.Data.Common;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Database;
using QrAspire.Worker.Jobs;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// Deletes webhook events and their deliveries older than <c>WEBHOOKS_RETENTION_DAYS</c>, once at start and then
/// daily, in slices: a workspace subscribed to <c>scan.recorded</c> adds an event every few seconds, for ever.
/// Deliveries go first, so an event is never deleted while one of its deliveries is still listed.
/// </summary>
public sealed partial class WebhookRetentionJob(WebhookSettings settings, DatabaseConnections connections, TimeProvider time, ILogger<WebhookRetentionJob> logger)
    : DailyJob(time)
{
    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var (deliveries, events) = await DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(logger, events, deliveries, settings.RetentionDays);
    }

    /// <inheritdoc />
    protected override void OnFailed(DbException error) => LogFailed(logger, error);

    /// <summary>Deletes the deliveries, then the events, created before now minus the retention; returns how many of each.</summary>
    public async Task<(long Deliveries, long Events)> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays);
        var deliveries = await SlicedDelete.OlderThanAsync(
            connections, Schema.WebhookDeliveries.Table, Schema.WebhookDeliveries.Id, Schema.WebhookDeliveries.CreatedAt, cutoff, cancellationToken).ConfigureAwait(false);
        var events = await SlicedDelete.OlderThanAsync(
            connections, Schema.WebhookEvents.Table, Schema.WebhookEvents.Id, Schema.WebhookEvents.CreatedAt, cutoff, cancellationToken).ConfigureAwait(false);
        return (deliveries, events);
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "webhook_retention", Message = "Deleted {events} webhook events and {deliveries} deliveries older than {days} days")]
    private static partial void LogDeleted(ILogger logger, long events, long deliveries, int days);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "webhook_retention_failed", Message = "Webhook retention failed; next run tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
