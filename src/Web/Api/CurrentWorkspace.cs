using QrAspire.Web.Sessions;

namespace QrAspire.Web.Api;

/// <summary>
/// The workspace the console acts in for this session: kept in the server-side session (so it survives reloads and
/// is sent by <see cref="ApiClient"/> as the <c>QrAspire-Workspace</c> header), loaded with the caller's role once
/// per circuit and shared by the layout's switcher and the pages.
/// </summary>
public sealed class CurrentWorkspace(WorkspacesClient workspaces, SessionStore sessions, CurrentUser user)
{
    private Task<WorkspaceState>? _state;

    /// <summary>The current workspace, the caller's workspaces, and a notice to show once (or null).</summary>
    public Task<WorkspaceState> LoadAsync()
    {
        if (_state is { IsFaulted: true } or { IsCanceled: true })
        {
            _state = null; // a failed load is tried again by the next caller
        }

        return _state ??= LoadFreshAsync();
    }

    /// <summary>Acts in <paramref name="workspace"/> from now on (the personal one is sent without the header).</summary>
    public async Task SwitchAsync(WorkspaceResponse workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var session = await sessions.FindAsync(await user.SessionIdAsync()) ?? throw new SessionExpiredException();
        await sessions.UpdateAsync(workspace.Personal
            ? session with { WorkspaceId = null, WorkspaceName = null }
            : session with { WorkspaceId = workspace.Id, WorkspaceName = workspace.Name });
        _state = null;
    }

    private async Task<WorkspaceState> LoadFreshAsync()
    {
        var session = await sessions.FindAsync(await user.SessionIdAsync()) ?? throw new SessionExpiredException();
        var notice = session.Notice;
        if (notice is not null)
        {
            await sessions.UpdateAsync(session with { Notice = null });
        }

        var list = await workspaces.ListAsync();
        var items = list.Value?.Items ?? [];
        var current = items.FirstOrDefault(w => w.Id == session.WorkspaceId) ?? items.FirstOrDefault(w => w.Personal);
        return new WorkspaceState(current, items, notice, list.Error, session.Email);
    }
}

/// <summary>What <see cref="CurrentWorkspace"/> knows: the workspace acted in (null if the list failed), all of the caller's, a one-time notice, the caller's e-mail.</summary>
public sealed record WorkspaceState(WorkspaceResponse? Current, IReadOnlyList<WorkspaceResponse> All, string? Notice, ApiError? Error, string Email)
{
    /// <summary>The caller's role in the current workspace (owner of the personal one).</summary>
    public string Role => Current?.Role ?? WorkspaceRoles.Owner;

    /// <summary>Whether the caller's role allows what <paramref name="required"/> may.</summary>
    public bool Can(string required) => WorkspaceRoles.AtLeast(Role, required);
}
