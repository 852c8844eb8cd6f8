using QrAspire.Contracts;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests.Security;

/// <summary>Who may call an operation.</summary>
internal enum Guard
{
    /// <summary>Anyone: credentials are neither needed nor refused (sign-up, sign-in, token refresh).</summary>
    Public,

    /// <summary>Anyone, but an API key only with <see cref="Row.Scope"/> (rendering: a key renders with its account's logos).</summary>
    PublicUnlessKeyLacksScope,

    /// <summary>A signed-in person only (access token): no API key, whatever its scopes, can manage keys.</summary>
    PersonOnly,

    /// <summary>A person, or an API key that holds <see cref="Row.Scope"/>.</summary>
    Scoped,
}

/// <summary>
/// One operation of the OpenAPI document: who may call it, whether its path names one of the owner's resources
/// (another account then gets 404: its existence is not revealed) or a workspace (another account is not a member:
/// 403), the least workspace role it needs, and the status of a call that is let through.
/// </summary>
internal sealed record Row(Guard Guard, int Allowed, string? Scope = null, bool Owned = false, string Role = WorkspaceRoles.Viewer, bool NamesWorkspace = false);

/// <summary>The expected outcome of every operation for every kind of caller, derived from one row per operation.</summary>
internal static class AccessTable
{
    /// <summary>
    /// Every operation of the Api, keyed as "METHOD /path" exactly as the OpenAPI document names it. A new endpoint
    /// without a row here fails <see cref="OpenApiAuthorizationMatrixTests"/>: decide who may call it first.
    /// For public operations the request carries an empty JSON body, so <see cref="Row.Allowed"/> is what that gets.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>(StringComparer.Ordinal)
    {
        ["POST /api/v1/auth/register"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/login"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/refresh"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/logout"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/verify-email"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/password-reset"] = new(Guard.Public, 400),
        ["POST /api/v1/auth/password-reset/confirm"] = new(Guard.Public, 400),
        ["POST /api/v1/render"] = new(Guard.PublicUnlessKeyLacksScope, 200, "codes:read"),
        ["POST /api/v1/render/check"] = new(Guard.PublicUnlessKeyLacksScope, 200, "codes:read"),
        // The account's e-mail address: a leaked key must not tell whose it is.
        ["GET /api/v1/me"] = new(Guard.PersonOnly, 200),
        ["POST /api/v1/api-keys"] = new(Guard.PersonOnly, 201, Role: Admin),
        ["GET /api/v1/api-keys"] = new(Guard.PersonOnly, 200, Role: Admin),
        ["DELETE /api/v1/api-keys/{id}"] = new(Guard.PersonOnly, 204, Owned: true, Role: Admin),
        // What the account and its keys did: a leaked key must not read what its owner did about it.
        ["GET /api/v1/audit"] = new(Guard.PersonOnly, 200, Role: Admin),
        ["GET /api/v1/audit.csv"] = new(Guard.PersonOnly, 200, Role: Admin),
        // Webhooks send a workspace's data to a URL: only a person manages them, never an API key.
        ["POST /api/v1/webhooks"] = new(Guard.PersonOnly, 201, Role: Admin),
        ["GET /api/v1/webhooks"] = new(Guard.PersonOnly, 200, Role: Admin),
        ["GET /api/v1/webhooks/{id}"] = new(Guard.PersonOnly, 200, Owned: true, Role: Admin),
        ["PATCH /api/v1/webhooks/{id}"] = new(Guard.PersonOnly, 200, Owned: true, Role: Admin),
        ["DELETE /api/v1/webhooks/{id}"] = new(Guard.PersonOnly, 204, Owned: true, Role: Admin),
        ["POST /api/v1/webhooks/{id}/secret"] = new(Guard.PersonOnly, 200, Owned: true, Role: Admin),
        ["POST /api/v1/webhooks/{id}/test"] = new(Guard.PersonOnly, 202, Owned: true, Role: Admin),
        ["GET /api/v1/webhooks/{id}/deliveries"] = new(Guard.PersonOnly, 200, Owned: true, Role: Admin),
        ["POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver"] = new(Guard.PersonOnly, 202, Owned: true, Role: Admin),
        ["POST /api/v1/qr-codes"] = new(Guard.Scoped, 201, "codes:write", Role: Editor),
        ["GET /api/v1/qr-codes"] = new(Guard.Scoped, 200, "codes:read"),
        ["GET /api/v1/qr-codes/{id}"] = new(Guard.Scoped, 200, "codes:read", Owned: true),
        ["PATCH /api/v1/qr-codes/{id}"] = new(Guard.Scoped, 200, "codes:write", Owned: true, Role: Editor),
        ["DELETE /api/v1/qr-codes/{id}"] = new(Guard.Scoped, 204, "codes:write", Owned: true, Role: Editor),
        ["GET /api/v1/qr-codes/{id}/image.{format}"] = new(Guard.Scoped, 200, "codes:read", Owned: true),
        ["GET /api/v1/qr-codes/{id}/analytics"] = new(Guard.Scoped, 200, "analytics:read", Owned: true),
        ["GET /api/v1/analytics"] = new(Guard.Scoped, 200, "analytics:read"),
        ["POST /api/v1/routing/preview"] = new(Guard.Scoped, 200, "codes:read"),
        ["POST /api/v1/logos"] = new(Guard.Scoped, 201, "codes:write", Role: Editor),
        ["POST /api/v1/brand-kits"] = new(Guard.Scoped, 201, "codes:write", Role: Editor),
        ["GET /api/v1/brand-kits"] = new(Guard.Scoped, 200, "codes:read"),
        ["GET /api/v1/brand-kits/{id}"] = new(Guard.Scoped, 200, "codes:read", Owned: true),
        ["PATCH /api/v1/brand-kits/{id}"] = new(Guard.Scoped, 200, "codes:write", Owned: true, Role: Editor),
        ["DELETE /api/v1/brand-kits/{id}"] = new(Guard.Scoped, 204, "codes:write", Owned: true, Role: Editor),
        ["POST /api/v1/domains"] = new(Guard.PersonOnly, 201, Role: Admin),
        ["GET /api/v1/domains"] = new(Guard.Scoped, 200, "codes:read"),
        ["GET /api/v1/domains/{id}"] = new(Guard.Scoped, 200, "codes:read", Owned: true),
        ["DELETE /api/v1/domains/{id}"] = new(Guard.PersonOnly, 204, Owned: true, Role: Admin),
        // The owner's domain has no TXT record: the lookup answers "missing" (200, still pending); without dnsmasq the
        // Api's DNS server does not answer (503).
        ["POST /api/v1/domains/{id}/verify"] = new(Guard.PersonOnly, DnsServer.Unavailable is null ? 200 : 503, Owned: true, Role: Admin),
        ["POST /api/v1/batches"] = new(Guard.Scoped, 202, "codes:write", Role: Editor),
        ["GET /api/v1/batches"] = new(Guard.Scoped, 200, "codes:read"),
        ["GET /api/v1/batches/{id}"] = new(Guard.Scoped, 200, "codes:read", Owned: true),
        // The owner's batch is still pending (no Worker runs here): reaching the handler is a 409, not the ZIP.
        ["GET /api/v1/batches/{id}/download"] = new(Guard.Scoped, 409, "codes:read", Owned: true),
        // Workspaces are a person's business: no API key lists, joins or manages them. A workspace in the path is
        // checked against the caller's membership whatever workspace the request acts in.
        ["GET /api/v1/workspaces"] = new(Guard.PersonOnly, 200),
        ["POST /api/v1/workspaces"] = new(Guard.PersonOnly, 201),
        ["GET /api/v1/workspaces/{id}"] = new(Guard.PersonOnly, 200, NamesWorkspace: true),
        ["PATCH /api/v1/workspaces/{id}"] = new(Guard.PersonOnly, 200, Role: Admin, NamesWorkspace: true),
        // Each allowed call deletes an empty workspace of its own.
        ["DELETE /api/v1/workspaces/{id}"] = new(Guard.PersonOnly, 204, Role: Owner, NamesWorkspace: true),
        ["GET /api/v1/workspaces/{id}/members"] = new(Guard.PersonOnly, 200, NamesWorkspace: true),
        // The member named is no member: reaching the handler is a 404.
        ["PATCH /api/v1/workspaces/{id}/members/{accountId}"] = new(Guard.PersonOnly, 404, Role: Admin, NamesWorkspace: true),
        ["DELETE /api/v1/workspaces/{id}/members/{accountId}"] = new(Guard.PersonOnly, 404, Role: Admin, NamesWorkspace: true),
        ["GET /api/v1/workspaces/{id}/invitations"] = new(Guard.PersonOnly, 200, Role: Admin, NamesWorkspace: true),
        ["POST /api/v1/workspaces/{id}/invitations"] = new(Guard.PersonOnly, 201, Role: Admin, NamesWorkspace: true),
        ["DELETE /api/v1/workspaces/{id}/invitations/{invitationId}"] = new(Guard.PersonOnly, 404, Role: Admin, NamesWorkspace: true),
        // An unknown token: reaching the handler is a 400.
        ["POST /api/v1/invitations/accept"] = new(Guard.PersonOnly, 400),
    };

    private const string Owner = WorkspaceRoles.Owner;
    private const string Admin = WorkspaceRoles.Admin;
    private const string Editor = WorkspaceRoles.Editor;

    /// <summary>What <paramref name="caller"/> gets from an operation guarded by <paramref name="row"/>.</summary>
    public static int Expected(Row row, Caller caller) => (row.Guard, caller.Kind) switch
    {
        // Naming a workspace one is not a member of is refused before anything else, public operations too.
        (_, CallerKind.NonMember) => 403,
        (Guard.Public, _) => row.Allowed,
        (Guard.PublicUnlessKeyLacksScope, CallerKind.ApiKey) when !caller.Scopes.Contains(row.Scope!) => 403,
        (Guard.PublicUnlessKeyLacksScope, _) => row.Allowed,
        (_, CallerKind.Anonymous or CallerKind.Invalid) => 401,
        (Guard.PersonOnly, CallerKind.ApiKey) => 403,
        (Guard.Scoped, CallerKind.ApiKey) when !caller.Scopes.Contains(row.Scope!) => 403,
        // A key acts as an editor at most; a member with their role.
        (_, CallerKind.ApiKey) when !WorkspaceRoles.AtLeast(Editor, row.Role) => 403,
        (_, CallerKind.Member) when !WorkspaceRoles.AtLeast(caller.Role, row.Role) => 403,
        (_, CallerKind.OtherAccount) when row.NamesWorkspace => 403,
        (_, CallerKind.OtherAccount) when row.Owned => 404,
        _ => row.Allowed,
    };
}
