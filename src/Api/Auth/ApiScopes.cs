using System.Security.Claims;

namespace QrAspire.Api.Auth;

/// <summary>
/// What a caller may do. Signed-in users (JWT) may do everything on their own account; API keys only what their
/// scopes say, and never manage keys or the account itself.
/// </summary>
public static class ApiScopes
{
    public const string CodesRead = "codes:read";
    public const string CodesWrite = "codes:write";
    public const string AnalyticsRead = "analytics:read";

    /// <summary>Policy for endpoints only a signed-in person may use (account, API keys).</summary>
    public const string UserOnly = "user";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { CodesRead, CodesWrite, AnalyticsRead };

    internal const string ScopeClaim = "scope";
    internal const string ApiKeyClaim = "api_key";

    public static string AccountId(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("authenticated principal without a subject");

    /// <summary>
    /// The workspace a request acts in; what new tables key their rows by (<c>workspace_id</c>). An account's
    /// personal workspace has the account's own id, so existing rows keyed by account need no rewriting once an
    /// account can belong to more workspaces; until then the personal workspace is the only one.
    /// </summary>
    public static string WorkspaceId(this ClaimsPrincipal user) => user.AccountId();

    public static bool IsApiKey(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == ApiKeyClaim);

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Identity?.IsAuthenticated == true && (!user.IsApiKey() || user.HasClaim(ScopeClaim, scope));
}
