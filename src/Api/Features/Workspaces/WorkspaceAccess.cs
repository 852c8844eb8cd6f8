using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Workspaces;

/// <summary>A workspace named in the route, as the caller may see it: the workspace (tracked) and the caller's role.</summary>
internal sealed record WorkspaceAccess(Workspace Workspace, string Role)
{
    /// <summary>
    /// The workspace <paramref name="workspaceId"/> if the caller is a member with at least <paramref name="required"/>,
    /// else the problem: 403 <c>not-a-member</c> (unknown workspaces too, so ids cannot be probed) or 403 <c>role-required</c>.
    /// One lookup by primary key, never cached.
    /// </summary>
    public static async Task<(WorkspaceAccess? Access, Problem? Problem)> CheckAsync(
        QrAspireDbContext db, string workspaceId, string accountId, string required, CancellationToken ct)
    {
        var found = await db.Membership(workspaceId, accountId)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { Workspace = w, m.Role })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return (null, ActingWorkspace.NotAMember(workspaceId));
        }

        return WorkspaceRoles.AtLeast(found.Role, required)
            ? (new WorkspaceAccess(found.Workspace, found.Role), null)
            : (null, ActingWorkspace.RoleRequired(required));
    }

    public WorkspaceResponse ToResponse() => new(Workspace.Id, Workspace.Name, Workspace.Personal, Role, Workspace.CreatedAt);

    /// <summary>400 <c>personal_workspace</c>: a personal workspace has one member and is never deleted.</summary>
    public static Problem PersonalWorkspace(string reason) => Problems.Field("id", reason, "personal_workspace");

    /// <summary>409 <c>last_owner</c>: a workspace keeps at least one owner.</summary>
    public static Problem LastOwner() => Problems.Conflict("A workspace keeps at least one owner; make another member an owner first.") with
    {
        Errors = [new FieldError("role", "the last owner keeps the role", "last_owner")],
    };

    /// <summary>Null when <paramref name="role"/> is one of <see cref="WorkspaceRoles.All"/>, else 400 naming <paramref name="field"/>.</summary>
    public static Problem? CheckRole(string? role, string field) =>
        role is not null && WorkspaceRoles.All.Contains(role)
            ? null
            : Problems.Field(field, $"must be one of {string.Join(", ", WorkspaceRoles.All)}", "role_invalid");

    /// <summary>Null when the name is 1–100 characters after trimming, else 400 naming <c>name</c>.</summary>
    public static Problem? CheckName(string? name) =>
        name?.Trim() is { Length: >= 1 and <= 100 }
            ? null
            : Problems.Field("name", "must be 1 to 100 characters", "name_invalid");
}
