namespace QrAspire.Api.Features.Audit;

/// <summary>The values of an audit entry's target type.</summary>
internal static class AuditTargets
{
    public const string QrCode = "qr_code";
    public const string ApiKey = "api_key";
    public const string Domain = "domain";
    public const string BrandKit = "brand_kit";
    public const string Batch = "batch";
    public const string Webhook = "webhook";
    public const string Account = "account";
    public const string Workspace = "workspace";
    public const string Member = "member";
    public const string Invitation = "invitation";
}
