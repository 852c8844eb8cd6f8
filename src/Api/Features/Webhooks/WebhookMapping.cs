using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks;

internal static class WebhookMapping
{
    public static WebhookEndpointResponse ToResponse(this WebhookEndpoint endpoint, bool withSecret = false) => new(
        endpoint.Id,
        endpoint.Url,
        WebhookOutbox.Split(endpoint.Events),
        endpoint.Enabled,
        endpoint.DisabledReason,
        endpoint.ConsecutiveFailures,
        endpoint.CreatedAt,
        withSecret ? endpoint.Secret : null);

    public static WebhookDeliveryResponse ToResponse(this WebhookDelivery delivery, WebhookEvent webhookEvent) => new(
        delivery.Id,
        WebhookOutbox.EventId(webhookEvent.Id),
        webhookEvent.Type,
        delivery.Status switch
        {
            WebhookDeliveryStatus.Succeeded => WebhookDeliveryStates.Succeeded,
            WebhookDeliveryStatus.Failed => WebhookDeliveryStates.Failed,
            _ => WebhookDeliveryStates.Pending,
        },
        delivery.Attempts,
        delivery.ResponseStatus,
        delivery.DurationMs,
        delivery.ResponseExcerpt,
        webhookEvent.CreatedAt,
        delivery.LastAttemptAt,
        delivery.Status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt : null);

    /// <summary>A new signing secret: 32 random base62 characters (about 190 bits).</summary>
    public static string NewSecret() => "whsec_" + Base62.Random(32);
}
