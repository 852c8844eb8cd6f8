namespace QrAspire.Data.Model;

/// <summary>What codes, keys, domains and the rest belong to; people belong to it as members.</summary>
public sealed class Workspace
{
    /// <summary><c>ws_…</c>, or the account's id for its personal workspace.</summary>
    public required string Id { get; init; }

    /// <summary>A name its admins chose.</summary>
    public required string Name { get; set; }

    /// <summary>Whether it is an account's own workspace: one member, never deleted.</summary>
    public bool Personal { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>The personal workspace of a new account, with the account as its owner.</summary>
    public static (Workspace Workspace, WorkspaceMember Owner) PersonalFor(string accountId, DateTime now) => (
        new Workspace { Id = accountId, Name = "Personal", Personal = true, CreatedAt = now },
        new WorkspaceMember { WorkspaceId = accountId, AccountId = accountId, Role = Contracts.WorkspaceRoles.Owner, JoinedAt = now });
}
