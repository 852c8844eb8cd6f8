namespace QrAspire.Data.Model;

/// <summary>
/// A URL a workspace has subscribed to events. The Worker signs every delivery with <see cref="Secret"/>, kept in
/// clear because HMAC needs the key itself (a hash would not sign). After a day of failing deliveries it is disabled.
/// </summary>
public sealed class WebhookEndpoint
{
    /// <summary>Public id, <c>whk_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace it belongs to.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>An absolute <c>https</c> URL (<c>http</c> only where the operator allows private targets).</summary>
    public required string Url { get; set; }

    /// <summary>The subscribed event types, comma-separated with a comma at each end (<c>,qr_code.created,scan.recorded,</c>) so that one LIKE finds a type.</summary>
    public required string Events { get; set; }

    /// <summary>The signing secret, <c>whsec_…</c>.</summary>
    public required string Secret { get; set; }

    /// <summary>Whether deliveries are made.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Why it is disabled: <c>manual</c> or <c>failing</c>; null while enabled.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The first failed attempt since the last success (UTC); null while healthy.</summary>
    public DateTime? FailingSince { get; set; }

    /// <summary>When it was added (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The values of <see cref="WebhookEndpoint.DisabledReason"/>.</summary>
public static class WebhookDisabledReasons
{
    /// <summary>Disabled by a person.</summary>
    public const string Manual = "manual";

    /// <summary>Disabled by the Worker after deliveries failed for too long.</summary>
    public const string Failing = "failing";
}
