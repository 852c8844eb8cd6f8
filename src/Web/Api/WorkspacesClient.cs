namespace QrAspire.Web.Api;

/// <summary>Workspaces, their members and invitations, through <see cref="ApiClient"/>.</summary>
public sealed class WorkspacesClient(ApiClient api)
{
    /// <summary>The caller's workspaces with their role in each, the personal one first.</summary>
    public Task<ApiResult<WorkspaceListResponse>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<WorkspaceListResponse>(ApiRoutes.Path(ApiRoutes.Workspaces), ct);

    /// <summary>Creates a team workspace; the caller becomes its owner.</summary>
    public Task<ApiResult<WorkspaceResponse>> CreateAsync(WorkspaceRequest request, CancellationToken ct = default) =>
        api.SendAsync<WorkspaceResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.Workspaces), request, ct);

    /// <summary>Renames a workspace (admins and owners).</summary>
    public Task<ApiResult<WorkspaceResponse>> RenameAsync(string id, WorkspaceRequest request, CancellationToken ct = default) =>
        api.SendAsync<WorkspaceResponse>(HttpMethod.Patch, ApiRoutes.Path(ApiRoutes.Workspace, id), request, ct);

    /// <summary>Deletes a team workspace with everything in it (owners).</summary>
    public Task<ApiResult<bool>> DeleteAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.Workspace, id), ct);

    /// <summary>The workspace's members, owners first.</summary>
    public Task<ApiResult<WorkspaceMemberListResponse>> MembersAsync(string id, CancellationToken ct = default) =>
        api.GetAsync<WorkspaceMemberListResponse>(ApiRoutes.Path(ApiRoutes.WorkspaceMembers, id), ct);

    /// <summary>Gives a member another role.</summary>
    public Task<ApiResult<WorkspaceMemberResponse>> UpdateMemberAsync(string id, string accountId, WorkspaceMemberUpdate change, CancellationToken ct = default) =>
        api.SendAsync<WorkspaceMemberResponse>(HttpMethod.Patch, MemberPath(id, accountId), change, ct);

    /// <summary>Removes a member, or (with the caller's own account) leaves the workspace.</summary>
    public Task<ApiResult<bool>> RemoveMemberAsync(string id, string accountId, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, MemberPath(id, accountId), ct);

    /// <summary>The workspace's open invitations, newest first.</summary>
    public Task<ApiResult<InvitationListResponse>> InvitationsAsync(string id, CancellationToken ct = default) =>
        api.GetAsync<InvitationListResponse>(ApiRoutes.Path(ApiRoutes.WorkspaceInvitations, id), ct);

    /// <summary>Invites someone by e-mail with a role.</summary>
    public Task<ApiResult<InvitationResponse>> InviteAsync(string id, InvitationRequest request, CancellationToken ct = default) =>
        api.SendAsync<InvitationResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.WorkspaceInvitations, id), request, ct);

    /// <summary>Revokes an open invitation.</summary>
    public Task<ApiResult<bool>> RevokeAsync(string id, string invitationId, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete,
            ApiRoutes.Path(ApiRoutes.WorkspaceInvitation, id).Replace("{invitationId}", Uri.EscapeDataString(invitationId), StringComparison.Ordinal), ct);

    /// <summary>Accepts an invitation with the token from its e-mail; the answer is the joined workspace.</summary>
    public Task<ApiResult<WorkspaceResponse>> AcceptAsync(string token, CancellationToken ct = default) =>
        api.SendAsync<WorkspaceResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.InvitationAccept), new InvitationAcceptRequest { Token = token }, ct);

    private static string MemberPath(string id, string accountId) =>
        ApiRoutes.Path(ApiRoutes.WorkspaceMember, id).Replace("{accountId}", Uri.EscapeDataString(accountId), StringComparison.Ordinal);
}
