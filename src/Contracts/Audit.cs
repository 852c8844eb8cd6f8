using System.Text.Json;

namespace QrAspire.Contracts;

/// <summary>One entry of a workspace's audit log: who did what to which target, from where and when.</summary>
/// <param name="Id">Increasing: a later entry has a larger id.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="Action">A stable dotted name (<see cref="AuditActions"/>), e.g. <c>qr_code.updated</c>.</param>
/// <param name="ActorKind"><c>user</c>, <c>api_key</c> or <c>system</c>.</param>
/// <param name="ActorId">The acting account (also when one of its API keys acted).</param>
/// <param name="ApiKeyId">The API key that acted, when one did.</param>
/// <param name="TargetType">What changed, e.g. <c>qr_code</c>, <c>api_key</c>, <c>domain</c>.</param>
/// <param name="TargetId">The changed thing's id.</param>
/// <param name="Changes">Changed fields, each <c>{"old": …, "new": …}</c> (secrets only as <c>set</c> or null).</param>
/// <param name="ClientAddress">The client's address.</param>
public sealed record AuditEntryResponse(
    long Id, DateTime OccurredAt, string Action, string ActorKind, string? ActorId, string? ApiKeyId, string TargetType, string TargetId,
    JsonElement? Changes, string? ClientAddress);

/// <summary>A page of audit entries, newest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, string? NextCursor);

/// <summary>The values of <see cref="AuditEntryResponse.Action"/>.</summary>
public static class AuditActions
{
    public const string QrCodeCreated = "qr_code.created";
    public const string QrCodeUpdated = "qr_code.updated";
    public const string QrCodeDeleted = "qr_code.deleted";
    public const string BatchCreated = "batch.created";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string DomainAdded = "domain.added";
    public const string DomainVerified = "domain.verified";
    public const string DomainDeleted = "domain.deleted";
    public const string BrandKitCreated = "brand_kit.created";
    public const string BrandKitUpdated = "brand_kit.updated";
    public const string BrandKitDeleted = "brand_kit.deleted";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookSecretRotated = "webhook.secret_rotated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string SignedInNewAddress = "account.signed_in_new_address";
    public const string WorkspaceCreated = "workspace.created";
    public const string WorkspaceRenamed = "workspace.renamed";
    public const string WorkspaceDeleted = "workspace.deleted";
    public const string MemberInvited = "member.invited";
    public const string InvitationRevoked = "member.invitation_revoked";
    public const string MemberJoined = "member.joined";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";

    /// <summary>Every action, for filters and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        QrCodeCreated, QrCodeUpdated, QrCodeDeleted, BatchCreated, ApiKeyCreated, ApiKeyRevoked, DomainAdded, DomainVerified, DomainDeleted,
        BrandKitCreated, BrandKitUpdated, BrandKitDeleted, WebhookCreated, WebhookUpdated, WebhookSecretRotated, WebhookDeleted, SignedInNewAddress,
        WorkspaceCreated, WorkspaceRenamed, WorkspaceDeleted, MemberInvited, InvitationRevoked, MemberJoined, MemberRoleChanged, MemberRemoved,
    ];
}

/// <summary>
/// The <c>reason</c> of an <see cref="AuditActions.ApiKeyRevoked"/> entry when the key was revoked because its creator
/// is no longer a member of the workspace (a revoke through the API has none).
/// </summary>
public static class ApiKeyRevocationReasons
{
    /// <summary>An admin or owner removed the key's creator from the workspace.</summary>
    public const string CreatorRemoved = "creator_removed";

    /// <summary>The key's creator left the workspace.</summary>
    public const string CreatorLeft = "creator_left";
}

/// <summary>The values of <see cref="AuditEntryResponse.ActorKind"/>.</summary>
public static class AuditActorKinds
{
    public const string User = "user";
    public const string ApiKey = "api_key";
    public const string System = "system";
}
