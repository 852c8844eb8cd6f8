using QrAspire.Data.Webhooks;
using QrAspire.Worker.Email;
using QrAspire.Worker.Jobs;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// Delivers webhooks at least once: reads due deliveries, claims each (so Workers never send the same attempt), sends
/// it signed, and records the outcome — succeeded on 2xx; otherwise due again after an exponential back-off with jitter
/// (<c>WEBHOOKS_RETRY_BASE_SECONDS</c> doubling up to an hour), or failed once the next try would fall after the
/// delivery's 24-hour window. Every attempt of an event carries the same <c>QrAspire-Event-Id</c>.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookSettings settings, WebhookQueue queue, WebhookSender sender, TimeProvider time, ILogger<WebhookDispatcher> logger) : OutboxPoller(time)
{
    /// <inheritdoc />
    protected override TimeSpan PollInterval => settings.PollInterval;

    /// <inheritdoc />
    protected override Task<int> HandleDueAsync(CancellationToken stoppingToken) => DeliverDueAsync(stoppingToken);

    /// <inheritdoc />
    protected override void OnDatabaseUnavailable(Exception error) => LogDatabaseUnavailable(logger, error);

    /// <summary>Sends the deliveries due now (one read, up to <see cref="WebhookSettings.Concurrency"/> at once); returns how many this Worker claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken stoppingToken)
    {
        var due = await queue.DueAsync(Now(), settings.BatchSize, stoppingToken).ConfigureAwait(false);
        var claimed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, async (delivery, _) =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var now = Now();
            // Not cancelled midway: a claim committed but not seen would hold the delivery for a whole lease.
            if (await queue.ClaimAsync(delivery, now, now + settings.Lease, CancellationToken.None).ConfigureAwait(false) is not { } attempt)
            {
                return;
            }

            Interlocked.Increment(ref claimed);
            await AttemptAsync(delivery, attempt).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return claimed;
    }

    // Claimed means in hand: finished even when the host is stopping (each attempt is bounded by the timeout).
    private async Task AttemptAsync(DueDelivery delivery, int attempt)
    {
        var eventId = WebhookOutbox.EventId(delivery.Event.Id);
        WebhookAttempt outcome;
        if (Now() > delivery.GiveUpAt + settings.RetryMax)
        {
            // Its endpoint was disabled past the window (the last retry falls on its end, so this is no late retry): not sent, failed.
            outcome = new WebhookAttempt(null, 0, "Not sent: the 24-hour delivery window had ended.");
        }
        else
        {
            var body = WebhookBody.Of(delivery.Event);
            var signature = WebhookSignature.Sign(delivery.Secret, Time.GetUtcNow().ToUnixTimeSeconds(), body);
            outcome = await sender.SendAsync(delivery.Url, eventId, delivery.Event.Type, signature, body, CancellationToken.None).ConfigureAwait(false);
        }

        var now = Now();
        DateTime? retryAt = null;
        if (!outcome.Succeeded && now < delivery.GiveUpAt)
        {
            // The last retry falls on the window's end, so a receiver down for a day still gets a try at the 24-hour mark.
            var next = now + RetryBackoff.Delay(attempt, settings.RetryBase, settings.RetryMax, Random.Shared.NextDouble());
            retryAt = next < delivery.GiveUpAt ? next : delivery.GiveUpAt;
        }

        var disabled = await queue.RecordAsync(delivery, attempt, outcome, now, retryAt, CancellationToken.None).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            LogDelivered(logger, eventId, delivery.EndpointId, attempt, outcome.Status ?? 0, outcome.DurationMs);
        }
        else if (retryAt is { } at)
        {
            LogRetry(logger, eventId, delivery.EndpointId, attempt, outcome.Status ?? 0, (at - now).TotalSeconds, outcome.Excerpt);
        }
        else
        {
            LogFailed(logger, eventId, delivery.EndpointId, attempt, outcome.Excerpt);
        }

        if (disabled)
        {
            LogDisabled(logger, delivery.EndpointId, settings.DisableAfter.TotalHours);
        }
    }

    private DateTime Now() => Time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, EventName = "webhook_delivered", Message = "Delivered {event_id} to {webhook_id} at attempt {attempt}: {status} in {duration_ms} ms")]
    private static partial void LogDelivered(ILogger logger, string event_id, string webhook_id, int attempt, int status, int duration_ms);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "webhook_retry", Message = "Delivery of {event_id} to {webhook_id} attempt {attempt} failed ({status}); next in {delay_seconds:F0} s: {error}")]
    private static partial void LogRetry(ILogger logger, string event_id, string webhook_id, int attempt, int status, double delay_seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "webhook_failed", Message = "Delivery of {event_id} to {webhook_id} given up after {attempts} attempts: {error}")]
    private static partial void LogFailed(ILogger logger, string event_id, string webhook_id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "webhook_disabled", Message = "Webhook endpoint {webhook_id} disabled: every delivery failed for {hours} hours")]
    private static partial void LogDisabled(ILogger logger, string webhook_id, double hours);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "webhook_queue_unavailable", Message = "The webhook deliveries could not be read or written; trying again")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception error);
}
