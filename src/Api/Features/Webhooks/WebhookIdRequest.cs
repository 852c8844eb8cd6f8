namespace QrAspire.Api.Features.Webhooks;

/// <summary>A webhook endpoint named by the route's id.</summary>
public sealed record WebhookIdRequest(string Id);
