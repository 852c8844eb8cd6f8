namespace QrAspire.Data.Model;

/// <summary>
/// A refresh token, stored as a hash. Tokens rotate on every use; all tokens of one sign-in share a
/// <see cref="FamilyId"/>, so presenting an already-used token revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    /// <summary>Row id.</summary>
    public required string Id { get; init; }

    /// <summary>The account signed in.</summary>
    public required string AccountId { get; init; }

    /// <summary>All tokens descending from one sign-in.</summary>
    public required string FamilyId { get; init; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; init; }

    /// <summary>When it was issued (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>After this instant (UTC) it is refused.</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>When it was exchanged for a new pair; presenting it again is reuse.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>When it was revoked (logout, reuse detected).</summary>
    public DateTime? RevokedAt { get; set; }
}
