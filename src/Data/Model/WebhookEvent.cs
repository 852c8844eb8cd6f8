namespace QrAspire.Data.Model;

/// <summary>
/// Something that happened in a workspace, written in the same transaction as the change (the outbox), with one
/// <see cref="WebhookDelivery"/> per endpoint subscribed at that moment. Its id is the idempotency key receivers see
/// (<c>QrAspire-Event-Id: evt_{id}</c>) on every attempt.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Row id (identity).</summary>
    public long Id { get; init; }

    /// <summary>The workspace it happened in.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The event type, e.g. <c>qr_code.created</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The event's <c>data</c> object as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime CreatedAt { get; init; }
}
