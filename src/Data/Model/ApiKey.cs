namespace QrAspire.Data.Model;

/// <summary>An API key: shown once at creation, stored as a hash, recognisable by its prefix.</summary>
public sealed class ApiKey
{
    /// <summary>Public id, <c>key_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace it belongs to (an account's personal workspace has the account's id).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The account that created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>A name the owner chose.</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the key (e.g. <c>qrk_AbC12345</c>), shown in lists so people can tell keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the whole key, hex (keys are long random strings, so a fast hash is enough).</summary>
    public required string KeyHash { get; init; }

    /// <summary>Space-separated scopes: <c>codes:read</c>, <c>codes:write</c>, <c>analytics:read</c>.</summary>
    public required string Scopes { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it last authenticated a request (UTC), updated at most once a minute.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>When it was revoked.</summary>
    public DateTime? RevokedAt { get; set; }
}
