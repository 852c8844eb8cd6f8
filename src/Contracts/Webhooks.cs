namespace QrAspire.Contracts;

/// <remarks>A webhook endpoint to add: where to send, and which events.</remarks>
public sealed record WebhookEndpointRequest
{
    /// <summary>An absolute <c>https</c> URL on a public address.</summary>
    public string? Url { get; init; }

    /// <summary>Event types to send (<see cref="WebhookEventTypes"/>); at least one.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>False to add it disabled; default true.</summary>
    public bool? Enabled { get; init; }
}

/// <remarks>A change to a webhook endpoint: only the fields given change. Enabling a disabled endpoint resets its failure count.</remarks>
public sealed record WebhookEndpointUpdate
{
    /// <summary>A new URL.</summary>
    public string? Url { get; init; }

    /// <summary>The new set of event types.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>Enable or disable.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>A webhook endpoint.</summary>
/// <param name="Id"><c>whk_…</c>.</param>
/// <param name="Url">Where deliveries go.</param>
/// <param name="Events">The subscribed event types.</param>
/// <param name="Enabled">Whether deliveries are made.</param>
/// <param name="DisabledReason"><c>manual</c>, or <c>failing</c> when deliveries failed for too long; null while enabled.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>): only in the answers to creating and to rotating the secret.</param>
public sealed record WebhookEndpointResponse(
    string Id, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, int ConsecutiveFailures, DateTime CreatedAt, string? Secret = null);

/// <remarks>The workspace's webhook endpoints, oldest first.</remarks>
public sealed record WebhookEndpointListResponse(IReadOnlyList<WebhookEndpointResponse> Items);

/// <summary>One event's delivery to one endpoint.</summary>
/// <param name="Id">The delivery's id (for redelivery).</param>
/// <param name="EventId"><c>evt_…</c>: the idempotency key, the same on every attempt (<c>QrAspire-Event-Id</c>).</param>
/// <param name="EventType">The event type.</param>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="ResponseStatus">The HTTP status of the last answer; null when none came.</param>
/// <param name="DurationMs">How long the last attempt took.</param>
/// <param name="ResponseExcerpt">The first kilobyte of the last answer's body, or why there was none.</param>
/// <param name="CreatedAt">When the event happened (UTC).</param>
/// <param name="LastAttemptAt">When the last attempt finished (UTC).</param>
/// <param name="NextAttemptAt">When the next attempt is due (UTC); null unless pending.</param>
public sealed record WebhookDeliveryResponse(
    long Id, string EventId, string EventType, string Status, int Attempts, int? ResponseStatus, int? DurationMs, string? ResponseExcerpt,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt);

/// <remarks>An endpoint's deliveries, newest first.</remarks>
public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Items);

/// <summary>The event types an endpoint may subscribe to, and the test event.</summary>
public static class WebhookEventTypes
{
    public const string QrCodeCreated = "qr_code.created";
    public const string QrCodeUpdated = "qr_code.updated";
    public const string QrCodeDeleted = "qr_code.deleted";

    /// <summary>Scans of the workspace's codes, several per delivery.</summary>
    public const string ScanRecorded = "scan.recorded";
    public const string BatchCompleted = "batch.completed";

    /// <summary>The test event, sent on request to one endpoint whatever it subscribes to.</summary>
    public const string Ping = "ping";

    /// <summary>Every type an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> All = [QrCodeCreated, QrCodeUpdated, QrCodeDeleted, ScanRecorded, BatchCompleted];
}

/// <summary>The values of <see cref="WebhookDeliveryResponse.Status"/>.</summary>
public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>The headers of a delivery.</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.</summary>
    public const string Signature = "QrAspire-Signature";

    /// <summary><c>evt_…</c>, the same on every attempt: the idempotency key.</summary>
    public const string EventId = "QrAspire-Event-Id";

    /// <summary>The event type.</summary>
    public const string EventType = "QrAspire-Event-Type";
}
