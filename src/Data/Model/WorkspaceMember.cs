namespace QrAspire.Data.Model;

/// <summary>An account's membership of a workspace.</summary>
public sealed class WorkspaceMember
{
    public required string WorkspaceId { get; init; }

    public required string AccountId { get; init; }

    /// <summary>owner, admin, editor or viewer (<see cref="Contracts.WorkspaceRoles"/>).</summary>
    public required string Role { get; set; }

    /// <summary>When they joined (UTC).</summary>
    public DateTime JoinedAt { get; init; }
}
