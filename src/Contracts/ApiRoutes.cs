namespace QrAspire.Contracts;

/// <summary>
/// The Api's routes, relative to <see cref="Prefix"/>: the Api's endpoints are configured with them and clients build
/// their URLs from them, so a route is spelled once.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every Api route.</summary>
    public const string Prefix = "/api/v1";

    /// <summary><c>POST</c>: create an account.</summary>
    public const string Register = "auth/register";

    /// <summary><c>POST</c>: sign in.</summary>
    public const string Login = "auth/login";

    /// <summary><c>POST</c>: exchange a refresh token for new tokens.</summary>
    public const string Refresh = "auth/refresh";

    /// <summary><c>POST</c>: revoke a refresh token.</summary>
    public const string Logout = "auth/logout";

    /// <summary><c>POST</c>: confirm an e-mail address.</summary>
    public const string VerifyEmail = "auth/verify-email";

    /// <summary><c>POST</c>: ask for a password-reset e-mail.</summary>
    public const string PasswordReset = "auth/password-reset";

    /// <summary><c>POST</c>: set a new password with the mailed token.</summary>
    public const string PasswordResetConfirm = "auth/password-reset/confirm";

    /// <summary><c>GET</c>: the signed-in account.</summary>
    public const string Me = "me";

    /// <summary><c>POST</c> to create, <c>GET</c> to list the account's API keys.</summary>
    public const string ApiKeys = "api-keys";

    /// <summary><c>DELETE</c>: revoke one API key.</summary>
    public const string ApiKey = "api-keys/{id}";

    /// <summary><c>POST</c> to create, <c>GET</c> to list QR codes.</summary>
    public const string QrCodes = "qr-codes";

    /// <summary><c>GET</c>, <c>PATCH</c>, <c>DELETE</c> one QR code.</summary>
    public const string QrCode = "qr-codes/{id}";

    /// <summary><c>GET</c>: a code's image; <c>{format}</c> is png, svg, pdf, eps, jpg or webp.</summary>
    public const string QrCodeImage = "qr-codes/{id}/image.{format}";

    /// <summary><c>GET</c>: one code's analytics.</summary>
    public const string QrCodeAnalytics = "qr-codes/{id}/analytics";

    /// <summary><c>GET</c>: the account's analytics over all its codes.</summary>
    public const string Analytics = "analytics";

    /// <summary><c>POST</c>: which destination a sample visitor would get from a routing.</summary>
    public const string RoutingPreview = "routing/preview";

    /// <summary><c>POST</c>: render a code without saving it.</summary>
    public const string Render = "render";

    /// <summary><c>POST</c>: check how well a code scans.</summary>
    public const string RenderCheck = "render/check";

    /// <summary><c>POST</c>: upload a logo.</summary>
    public const string Logos = "logos";

    /// <summary><c>POST</c> to create, <c>GET</c> to list brand kits.</summary>
    public const string BrandKits = "brand-kits";

    /// <summary><c>GET</c>, <c>PATCH</c>, <c>DELETE</c>: one brand kit.</summary>
    public const string BrandKit = "brand-kits/{id}";

    /// <summary><c>POST</c> to add, <c>GET</c> to list branded domains.</summary>
    public const string Domains = "domains";

    /// <summary><c>GET</c>, <c>DELETE</c>: one branded domain.</summary>
    public const string Domain = "domains/{id}";

    /// <summary><c>POST</c>: look the domain's TXT record up now and mark it verified when it holds the token.</summary>
    public const string DomainVerify = "domains/{id}/verify";

    /// <summary><c>POST</c> a CSV to create, <c>GET</c> to list bulk jobs.</summary>
    public const string Batches = "batches";

    /// <summary><c>GET</c>: one bulk job.</summary>
    public const string Batch = "batches/{id}";

    /// <summary><c>GET</c>: a completed bulk job's ZIP.</summary>
    public const string BatchDownload = "batches/{id}/download";

    /// <summary><c>POST</c> to add, <c>GET</c> to list webhook endpoints.</summary>
    public const string Webhooks = "webhooks";

    /// <summary><c>GET</c>, <c>PATCH</c>, <c>DELETE</c>: one webhook endpoint.</summary>
    public const string Webhook = "webhooks/{id}";

    /// <summary><c>POST</c>: replace the endpoint's signing secret.</summary>
    public const string WebhookSecret = "webhooks/{id}/secret";

    /// <summary><c>POST</c>: send the endpoint a <c>ping</c> event.</summary>
    public const string WebhookTest = "webhooks/{id}/test";

    /// <summary><c>GET</c>: the endpoint's deliveries, newest first.</summary>
    public const string WebhookDeliveries = "webhooks/{id}/deliveries";

    /// <summary><c>POST</c>: deliver again (<c>{deliveryId}</c>), with the same event id.</summary>
    public const string WebhookRedeliver = "webhooks/{id}/deliveries/{deliveryId}/redeliver";
    /// <summary><c>GET</c>: the workspace's audit log, newest first (<c>format=csv</c> for a CSV export).</summary>
    public const string Audit = "audit";

    /// <summary><c>GET</c>: the workspace's audit log as CSV.</summary>
    public const string AuditCsv = "audit.csv";

    /// <summary><c>GET</c>: the caller's workspaces; <c>POST</c>: create one (the caller becomes its owner).</summary>
    public const string Workspaces = "workspaces";

    /// <summary><c>GET</c>, <c>PATCH</c> (rename; admin), <c>DELETE</c> (owner; not the personal one): one workspace.</summary>
    public const string Workspace = "workspaces/{id}";

    /// <summary><c>GET</c>: the workspace's members.</summary>
    public const string WorkspaceMembers = "workspaces/{id}/members";

    /// <summary><c>PATCH</c>: change a member's role (admin); <c>DELETE</c>: remove a member (admin), or leave (oneself).</summary>
    public const string WorkspaceMember = "workspaces/{id}/members/{accountId}";

    /// <summary><c>GET</c>: the workspace's open invitations; <c>POST</c>: invite someone by e-mail (admin).</summary>
    public const string WorkspaceInvitations = "workspaces/{id}/invitations";

    /// <summary><c>DELETE</c>: revoke an open invitation (admin).</summary>
    public const string WorkspaceInvitation = "workspaces/{id}/invitations/{invitationId}";

    /// <summary><c>POST</c>: accept an invitation with the token from its e-mail.</summary>
    public const string InvitationAccept = "invitations/accept";

    /// <summary>The absolute path of <paramref name="route"/> (with <c>{id}</c> filled in when given), e.g. <c>/api/v1/qr-codes/qr_…</c>.</summary>
    public static string Path(string route, string? id = null) =>
        $"{Prefix}/{(id is null ? route : route.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal))}";
}
