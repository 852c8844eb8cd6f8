namespace QrAspire.Data.Model;

/// <summary>
/// An e-mail to send, written in the same transaction as what caused it (the outbox): the Worker sends it with
/// retries and marks it sent, so no mail is lost when the Api answers before it is delivered.
/// </summary>
public sealed class EmailMessage
{
    /// <summary>Row id.</summary>
    public required string Id { get; init; }

    /// <summary>Recipient address.</summary>
    public required string To { get; init; }

    /// <summary>Template name, e.g. <c>verify-email</c>, <c>reset-password</c>, <c>batch-finished</c>.</summary>
    public required string Template { get; init; }

    /// <summary>Template values as a JSON object (may hold a one-time link; never a password).</summary>
    public required string Data { get; init; }

    /// <summary>When it was queued (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it was handed to the mail provider.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Do not try again before this instant (back-off).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>The last delivery error, if any.</summary>
    public string? LastError { get; set; }
}
