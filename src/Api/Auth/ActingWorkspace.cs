using System.Security.Claims;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Auth;

/// <summary>
/// After authentication: the workspace a signed-in person acts in and their role there. Without the
/// <see cref="WorkspaceHeader"/> (or naming their own account) it is their personal workspace, which they own;
/// naming another one costs one lookup by primary key on every request, never cached, so a removed member loses
/// access with their next request. Not a member → 403 <c>not-a-member</c>. API keys carry their workspace already.
/// </summary>
internal sealed class ActingWorkspace(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, QrAspireDbContext db)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.IsApiKey())
        {
            await next(context);
            return;
        }

        var accountId = user.AccountId();
        var named = context.Request.Headers[WorkspaceHeader.Name].ToString().Trim();
        var workspaceId = named.Length == 0 ? accountId : named;
        var role = workspaceId == accountId
            ? WorkspaceRoles.Owner
            : await db.RoleAsync(workspaceId, accountId, context.RequestAborted);
        if (role is null)
        {
            await NotAMember(workspaceId).ToResult().ExecuteAsync(context);
            return;
        }

        user.AddIdentity(new ClaimsIdentity([new Claim(ApiScopes.WorkspaceClaim, workspaceId), new Claim(ApiScopes.WorkspaceRoleClaim, role)]));
        await next(context);
    }

    /// <summary>403: the caller is not a member of the workspace (or it does not exist: the answer does not tell).</summary>
    public static Problem NotAMember(string workspaceId) =>
        Problems.Of(403, ProblemTypes.NotAMember, "Not a member of this workspace.",
            $"You are not a member of workspace '{workspaceId}'.", [new FieldError(WorkspaceHeader.Name, "not a workspace you are a member of", "not_a_member")]);

    /// <summary>403: the caller's role is below <paramref name="required"/>.</summary>
    public static Problem RoleRequired(string required) =>
        Problems.Of(403, ProblemTypes.RoleRequired, "Your role in this workspace does not allow this.",
            $"This needs the {required} role or higher.", [new FieldError("role", $"needs {required} or higher", "role_required")]) with
        {
            Extensions = new() { ["role"] = System.Text.Json.JsonSerializer.SerializeToElement(required, ProblemJsonContext.Default.String) },
        };
}
