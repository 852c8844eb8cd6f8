namespace QrAspire.Data.Model;

/// <summary>
/// A branded domain (<c>go.example.com</c>) an account serves its short links on, once a DNS TXT record proved it owns
/// it. Rows are never removed: removing sets <see cref="DeletedAt"/>, so codes made on it keep their reference and
/// the id is never handed out again.
/// </summary>
public sealed class Domain
{
    /// <summary>Public id, <c>dom_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace it belongs to (an account's personal workspace has the account's id).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The host name, lower-case ASCII (IDNs in punycode), without a trailing dot.</summary>
    public required string Name { get; init; }

    /// <summary>The random value the TXT record must hold.</summary>
    public required string Token { get; init; }

    /// <summary>When it was added (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the TXT record was found (UTC); null while pending.</summary>
    public DateTime? VerifiedAt { get; set; }

    /// <summary>When the TXT record was last looked up (UTC).</summary>
    public DateTime? CheckedAt { get; set; }

    /// <summary>Set when removed (soft delete).</summary>
    public DateTime? DeletedAt { get; set; }
}
