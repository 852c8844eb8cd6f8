namespace QrAspire.Contracts;

/// <summary>
/// How a request names the workspace it acts in. Without the header a signed-in person acts in their personal
/// workspace (whose id is their account id); an API key always acts in its own workspace and ignores the header.
/// </summary>
public static class WorkspaceHeader
{
    /// <summary>The header: the id of a workspace the caller is a member of, e.g. <c>QrAspire-Workspace: ws_…</c>.</summary>
    public const string Name = "QrAspire-Workspace";
}

/// <summary>
/// The roles of a workspace member, each allowed everything the ones after it are:
/// <see cref="Owner"/> &gt; <see cref="Admin"/> &gt; <see cref="Editor"/> &gt; <see cref="Viewer"/>.
/// </summary>
public static class WorkspaceRoles
{
    /// <summary>Everything, including deleting the workspace and making others owners.</summary>
    public const string Owner = "owner";

    /// <summary>Members, invitations, API keys, domains, webhooks and the audit log, besides what an editor may.</summary>
    public const string Admin = "admin";

    /// <summary>Create, change, pause and delete codes, logos, brand kits and batches, besides what a viewer may.</summary>
    public const string Editor = "editor";

    /// <summary>Read codes, batches and analytics.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role, highest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Editor, Viewer];

    /// <summary>The role's rank: 4 for owner down to 1 for viewer; 0 for anything else.</summary>
    public static int Rank(string? role) => role switch
    {
        Owner => 4,
        Admin => 3,
        Editor => 2,
        Viewer => 1,
        _ => 0,
    };

    /// <summary>Whether <paramref name="role"/> may do what <paramref name="required"/> may.</summary>
    public static bool AtLeast(string? role, string required) => Rank(role) >= Rank(required) && Rank(required) > 0;
}

/// <remarks>A workspace to create, or a new name for one.</remarks>
public sealed record WorkspaceRequest
{
    /// <summary>1–100 characters.</summary>
    public string? Name { get; init; }
}

/// <summary>A workspace the caller belongs to.</summary>
/// <param name="Id"><c>ws_…</c>; a personal workspace has its account's id (<c>usr_…</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="Personal">Whether it is the account's own workspace: it has no other members and cannot be deleted.</param>
/// <param name="Role">The caller's role in it (<see cref="WorkspaceRoles"/>).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record WorkspaceResponse(string Id, string Name, bool Personal, string Role, DateTime CreatedAt);

/// <remarks>The caller's workspaces, the personal one first, then by name.</remarks>
public sealed record WorkspaceListResponse(IReadOnlyList<WorkspaceResponse> Items);

/// <summary>A member of a workspace.</summary>
/// <param name="AccountId">The member's account (<c>usr_…</c>).</param>
/// <param name="Email">The member's e-mail address.</param>
/// <param name="Role">The member's role (<see cref="WorkspaceRoles"/>).</param>
/// <param name="JoinedAt">When they joined (UTC).</param>
public sealed record WorkspaceMemberResponse(string AccountId, string Email, string Role, DateTime JoinedAt);

/// <remarks>A workspace's members, owners first, then by e-mail.</remarks>
public sealed record WorkspaceMemberListResponse(IReadOnlyList<WorkspaceMemberResponse> Items);

/// <remarks>A member's new role. Only an owner may make or unmake an owner; the last owner keeps the role.</remarks>
public sealed record WorkspaceMemberUpdate
{
    /// <summary><see cref="WorkspaceRoles"/>.</summary>
    public string? Role { get; init; }
}

/// <remarks>Someone to invite by e-mail: they need not have an account yet.</remarks>
public sealed record InvitationRequest
{
    /// <summary>The address the invitation is sent to; only an account with this (verified) address can accept it.</summary>
    public string? Email { get; init; }

    /// <summary>The role they get on accepting (<see cref="WorkspaceRoles"/>); only an owner may invite an owner.</summary>
    public string? Role { get; init; }
}

/// <summary>An open invitation. Its token is only ever in the e-mail, never in an answer.</summary>
/// <param name="Id"><c>inv_…</c>.</param>
/// <param name="Email">Who is invited.</param>
/// <param name="Role">The role they get on accepting.</param>
/// <param name="InvitedBy">The inviting account.</param>
/// <param name="CreatedAt">When it was sent (UTC).</param>
/// <param name="ExpiresAt">When it stops working (UTC).</param>
public sealed record InvitationResponse(string Id, string Email, string Role, string InvitedBy, DateTime CreatedAt, DateTime ExpiresAt);

/// <remarks>A workspace's open (not accepted, revoked or expired) invitations, newest first.</remarks>
public sealed record InvitationListResponse(IReadOnlyList<InvitationResponse> Items);

/// <remarks>Accept an invitation: the token from its e-mail, by the signed-in account it was sent to.</remarks>
public sealed record InvitationAcceptRequest
{
    /// <summary>The token from the invitation's link; it works once, until it expires.</summary>
    public string? Token { get; init; }
}
