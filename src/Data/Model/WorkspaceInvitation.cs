namespace QrAspire.Data.Model;

/// <summary>An invitation by e-mail to join a workspace. Only the token's hash is kept; the token is only in the e-mail.</summary>
public sealed class WorkspaceInvitation
{
    /// <summary><c>inv_…</c>.</summary>
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    /// <summary>The address as the inviter typed it.</summary>
    public required string Email { get; init; }

    /// <summary>The address as accounts store it, to match the accepting account's.</summary>
    public required string NormalizedEmail { get; init; }

    /// <summary>The role given on accepting.</summary>
    public required string Role { get; init; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; init; }

    /// <summary>The inviting account.</summary>
    public required string InvitedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
