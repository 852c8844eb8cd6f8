using System.Security.Claims;

namespace QrAspire.Api.Auth;

/// <summary>
/// What a caller may do, and where. Every request acts in one workspace (<see cref="WorkspaceId"/>) with one role in
/// it (<see cref="WorkspaceRole"/>): a signed-in person in the workspace named by the <see cref="WorkspaceHeader"/>
/// (their personal one without it) with their member role; an API key in its own workspace as an editor at most, and
/// only within its scopes. Each policy checks both: the scope (keys) and the role (everyone).
/// </summary>
public static class ApiScopes
{
    public const string CodesRead = "codes:read";
    public const string CodesWrite = "codes:write";
    public const string AnalyticsRead = "analytics:read";

    /// <summary>Policy for endpoints about the signed-in person's own account (me, workspaces they belong to); no API keys.</summary>
    public const string UserOnly = "user";

    /// <summary>Policy for a workspace's administration (API keys, domains, webhooks, audit log): a person, admin or owner.</summary>
    public const string WorkspaceAdmin = "workspace-admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { CodesRead, CodesWrite, AnalyticsRead };

    internal const string ScopeClaim = "scope";
    internal const string ApiKeyClaim = "api_key";
    internal const string WorkspaceClaim = "workspace";
    internal const string WorkspaceRoleClaim = "workspace_role";

    /// <summary>The signed-in person's account, or for an API key the account that created it.</summary>
    public static string AccountId(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("authenticated principal without a subject");

    /// <summary>
    /// The workspace a request acts in, which owns what it reads and writes (<c>workspace_id</c>). Without the
    /// workspace header it is the person's personal workspace, whose id is the account's own id.
    /// </summary>
    public static string WorkspaceId(this ClaimsPrincipal user) => user.FindFirstValue(WorkspaceClaim) ?? user.AccountId();

    /// <summary>The caller's role in the acting workspace (<see cref="WorkspaceRoles"/>); an account owns its personal workspace.</summary>
    public static string WorkspaceRole(this ClaimsPrincipal user) => user.FindFirstValue(WorkspaceRoleClaim) ?? WorkspaceRoles.Owner;

    public static bool IsApiKey(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == ApiKeyClaim);

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Identity?.IsAuthenticated == true && (!user.IsApiKey() || user.HasClaim(ScopeClaim, scope));
}
