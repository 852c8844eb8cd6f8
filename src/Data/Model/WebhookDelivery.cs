namespace QrAspire.Data.Model;

/// <summary>
/// One event for one endpoint: tried by the Worker until the endpoint answers 2xx or <see cref="GiveUpAt"/> passes.
/// Claimed like the e-mail outbox: a conditional update on <see cref="Attempts"/> moves <see cref="NextAttemptAt"/> to
/// the end of a lease, so two Workers never send the same attempt.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Row id (identity).</summary>
    public long Id { get; init; }

    /// <summary>The event (<see cref="WebhookEvent.Id"/>).</summary>
    public long EventId { get; init; }

    /// <summary>The event row.</summary>
    public WebhookEvent? Event { get; init; }

    /// <summary>The endpoint (<see cref="WebhookEndpoint.Id"/>).</summary>
    public required string EndpointId { get; init; }

    /// <summary>Pending, succeeded or failed.</summary>
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Due from this instant (UTC); while an attempt is in flight, the end of its lease.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>No attempt is started after this instant (UTC): the delivery fails instead.</summary>
    public DateTime GiveUpAt { get; set; }

    /// <summary>The HTTP status of the last answer; null when none came (timeout, refused connection).</summary>
    public int? ResponseStatus { get; set; }

    /// <summary>How long the last attempt took, in milliseconds.</summary>
    public int? DurationMs { get; set; }

    /// <summary>The first kilobyte of the last answer's body, or why there was none.</summary>
    public string? ResponseExcerpt { get; set; }

    /// <summary>When it was queued (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the last attempt finished (UTC).</summary>
    public DateTime? LastAttemptAt { get; set; }
}

/// <summary>Where a <see cref="WebhookDelivery"/> stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Answered with 2xx.</summary>
    Succeeded,

    /// <summary>Given up after the retry window.</summary>
    Failed,
}
