namespace QrAspire.Data.Model;

/// <summary>
/// One change in a workspace, written in the same transaction as the change itself: who (an account, an API key
/// acting for it, or the system) did what to which target, from where and when. Never updated; removed only by the
/// retention job.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Database-assigned and increasing, so entries sort by it.</summary>
    public long Id { get; init; }

    /// <summary>The workspace the change happened in.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary><c>user</c>, <c>api_key</c> or <c>system</c>.</summary>
    public required string ActorKind { get; init; }

    /// <summary>The acting account (also when one of its API keys acted); null for the system.</summary>
    public string? ActorId { get; init; }

    /// <summary>The API key that acted, when one did.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>A stable dotted name, e.g. <c>qr_code.updated</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What kind of thing changed, e.g. <c>qr_code</c>.</summary>
    public required string TargetType { get; init; }

    /// <summary>The changed thing's public id.</summary>
    public required string TargetId { get; init; }

    /// <summary>A JSON object of changed fields, each <c>{"old": …, "new": …}</c>; null when there is nothing to say.</summary>
    public string? Changes { get; init; }

    /// <summary>The client's address (behind trusted proxies, the real client's).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>
    /// The client's network (IPv4 /24, IPv6 /64, e.g. <c>203.0.113.0/24</c>) on sign-in entries, so that "a sign-in
    /// from a new network" is one indexed lookup; null on other entries.
    /// </summary>
    public string? ClientNetwork { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime OccurredAt { get; init; }
}
