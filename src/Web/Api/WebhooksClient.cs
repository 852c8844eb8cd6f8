using System.Globalization;

namespace QrAspire.Web.Api;

/// <summary>The workspace's webhook endpoints and their delivery logs, through <see cref="ApiClient"/>.</summary>
public sealed class WebhooksClient(ApiClient api)
{
    /// <summary>Every endpoint, oldest first, without secrets.</summary>
    public Task<ApiResult<WebhookEndpointListResponse>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<WebhookEndpointListResponse>(ApiRoutes.Path(ApiRoutes.Webhooks), ct);

    /// <summary>Adds an endpoint; the answer holds its signing secret, shown this once.</summary>
    public Task<ApiResult<WebhookEndpointResponse>> CreateAsync(WebhookEndpointRequest request, CancellationToken ct = default) =>
        api.SendAsync<WebhookEndpointResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.Webhooks), request, ct);

    /// <summary>Changes the URL, the events, or enables/disables it.</summary>
    public Task<ApiResult<WebhookEndpointResponse>> UpdateAsync(string id, WebhookEndpointUpdate change, CancellationToken ct = default) =>
        api.SendAsync<WebhookEndpointResponse>(HttpMethod.Patch, ApiRoutes.Path(ApiRoutes.Webhook, id), change, ct);

    /// <summary>Removes an endpoint with its log.</summary>
    public Task<ApiResult<bool>> DeleteAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.Webhook, id), ct);

    /// <summary>Replaces the signing secret; the answer holds the new one, shown this once.</summary>
    public Task<ApiResult<WebhookEndpointResponse>> RotateSecretAsync(string id, CancellationToken ct = default) =>
        api.SendAsync<WebhookEndpointResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.WebhookSecret, id), ct);

    /// <summary>Queues a <c>ping</c> for the endpoint.</summary>
    public Task<ApiResult<WebhookDeliveryResponse>> SendTestAsync(string id, CancellationToken ct = default) =>
        api.SendAsync<WebhookDeliveryResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.WebhookTest, id), ct);

    /// <summary>The endpoint's newest deliveries.</summary>
    public Task<ApiResult<WebhookDeliveryListResponse>> DeliveriesAsync(string id, CancellationToken ct = default) =>
        api.GetAsync<WebhookDeliveryListResponse>(ApiRoutes.Path(ApiRoutes.WebhookDeliveries, id), ct);

    /// <summary>Sends a delivery's event again, with the same event id.</summary>
    public Task<ApiResult<WebhookDeliveryResponse>> RedeliverAsync(string id, long deliveryId, CancellationToken ct = default) =>
        api.SendAsync<WebhookDeliveryResponse>(HttpMethod.Post,
            ApiRoutes.Path(ApiRoutes.WebhookRedeliver, id).Replace("{deliveryId}", deliveryId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), ct);
}
