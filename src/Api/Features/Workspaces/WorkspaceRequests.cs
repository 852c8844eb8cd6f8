namespace QrAspire.Api.Features.Workspaces;

/// <summary>A workspace named by the route's id.</summary>
public sealed record WorkspaceIdRequest(string Id);

/// <summary>A member of the workspace named by the route.</summary>
public sealed record WorkspaceMemberIdRequest(string Id, string AccountId);

/// <summary>An invitation of the workspace named by the route.</summary>
public sealed record WorkspaceInvitationIdRequest(string Id, string InvitationId);
