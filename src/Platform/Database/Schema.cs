namespace QrAspire.Platform.Database;

/// <summary>
/// The names of the relational schema's tables and columns, and the numbers stored for enums that raw SQL filters on:
/// one source for EF Core's mapping (<c>src/Data/Configurations</c>) and for the raw SQL of the Redirector and the
/// Worker. A test holds it equal to EF Core's model on both providers. Constants only, so that the Native AOT
/// Redirector can use it without EF Core, and SQL text built from it is built once (at compile time where it can be).
/// </summary>
public static class Schema
{
    /// <summary>EF Core's record of applied migrations.</summary>
    public const string MigrationsHistory = "__ef_migrations_history";

    /// <summary>Accounts.</summary>
    public static class Accounts
    {
        public const string Table = "accounts";
        public const string Id = "id";
        public const string Email = "email";
        public const string NormalizedEmail = "normalized_email";
        public const string PasswordHash = "password_hash";
        public const string EmailVerifiedAt = "email_verified_at";
        public const string CreatedAt = "created_at";
        public const string CredentialsRevokedAt = "credentials_revoked_at";
    }

    /// <summary>QR codes, including deleted ones (soft delete).</summary>
    public static class QrCodes
    {
        public const string Table = "qr_codes";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Name = "name";
        public const string Kind = "kind";
        public const string ShortCode = "short_code";
        public const string Destination = "destination";
        public const string Payload = "payload";
        public const string Style = "style";
        public const string Routing = "routing";
        public const string PasswordHash = "password_hash";
        public const string RedirectStatus = "redirect_status";
        public const string Status = "status";
        public const string ExpiresAt = "expires_at";
        public const string DeletedAt = "deleted_at";
        public const string CreatedAt = "created_at";
        public const string UpdatedAt = "updated_at";
        public const string Version = "version";

        /// <summary>The branded domain the short code lives on (<c>dom_…</c>), or null for the service's own redirect host.</summary>
        public const string DomainId = "domain_id";

        /// <summary>The numbers stored in <see cref="Kind"/>; <c>QrCodeKind</c> (src/Data) is defined by them.</summary>
        public static class Kinds
        {
            public const int Static = 0;
            public const int Dynamic = 1;
        }

        /// <summary>The numbers stored in <see cref="Status"/>; <c>QrCodeStatus</c> (src/Data) is defined by them.</summary>
        public static class Statuses
        {
            public const int Active = 0;
            public const int Paused = 1;
        }
    }

    /// <summary>Tags of QR codes.</summary>
    public static class QrCodeTags
    {
        public const string Table = "qr_code_tags";
        public const string QrCodeId = "qr_code_id";
        public const string Tag = "tag";
    }

    /// <summary>Refresh tokens (hashed).</summary>
    public static class RefreshTokens
    {
        public const string Table = "refresh_tokens";
        public const string Id = "id";
        public const string AccountId = "account_id";
        public const string FamilyId = "family_id";
        public const string TokenHash = "token_hash";
        public const string CreatedAt = "created_at";
        public const string ExpiresAt = "expires_at";
        public const string UsedAt = "used_at";
        public const string RevokedAt = "revoked_at";
    }

    /// <summary>API keys (hashed).</summary>
    public static class ApiKeys
    {
        public const string Table = "api_keys";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string CreatedBy = "created_by";
        public const string Name = "name";
        public const string Prefix = "prefix";
        public const string KeyHash = "key_hash";
        public const string Scopes = "scopes";
        public const string CreatedAt = "created_at";
        public const string LastUsedAt = "last_used_at";
        public const string RevokedAt = "revoked_at";
    }

    /// <summary>E-mail verification and password reset tokens (hashed).</summary>
    public static class AccountTokens
    {
        public const string Table = "account_tokens";
        public const string Id = "id";
        public const string AccountId = "account_id";
        public const string Purpose = "purpose";
        public const string TokenHash = "token_hash";
        public const string CreatedAt = "created_at";
        public const string ExpiresAt = "expires_at";
        public const string UsedAt = "used_at";
    }

    /// <summary>E-mails waiting for the Worker (outbox).</summary>
    public static class EmailOutbox
    {
        public const string Table = "email_outbox";
        public const string Id = "id";
        public const string ToAddress = "to_address";
        public const string Template = "template";
        public const string Data = "data";
        public const string CreatedAt = "created_at";
        public const string SentAt = "sent_at";
        public const string Attempts = "attempts";
        public const string NextAttemptAt = "next_attempt_at";
        public const string LastError = "last_error";
    }

    /// <summary>Uploaded logos.</summary>
    public static class Logos
    {
        public const string Table = "logos";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string ContentType = "content_type";
        public const string Length = "length";
        public const string Width = "width";
        public const string Height = "height";
        public const string Sha256 = "sha256";
        public const string BlobKey = "blob_key";
        public const string CreatedAt = "created_at";
    }

    /// <summary>Named styles (brand kits).</summary>
    public static class BrandKits
    {
        public const string Table = "brand_kits";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Name = "name";
        public const string Style = "style";
        public const string CreatedAt = "created_at";
        public const string UpdatedAt = "updated_at";
    }

    /// <summary>Bulk jobs.</summary>
    public static class Batches
    {
        public const string Table = "batches";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string CreatedBy = "created_by";
        public const string Name = "name";
        public const string Status = "status";
        public const string Format = "format";
        public const string TotalRows = "total_rows";
        public const string RowsDone = "rows_done";
        public const string RowsFailed = "rows_failed";
        public const string CreatedAt = "created_at";
        public const string StartedAt = "started_at";
        public const string FinishedAt = "finished_at";
        public const string LeaseOwner = "lease_owner";
        public const string LeaseExpiresAt = "lease_expires_at";
        public const string Attempts = "attempts";
        public const string BlobKey = "blob_key";
        public const string Error = "error";
    }

    /// <summary>Rows of bulk jobs.</summary>
    public static class BatchRows
    {
        public const string Table = "batch_rows";
        public const string BatchId = "batch_id";
        public const string Line = "line";
        public const string Spec = "spec";
        public const string QrCodeId = "qr_code_id";
        public const string Error = "error";
        public const string ProcessedAt = "processed_at";
    }

    /// <summary>Raw scans (within the retention period).</summary>
    public static class Scans
    {
        public const string Table = "scans";
        public const string Id = "id";
        public const string QrCodeId = "qr_code_id";
        public const string ShortCode = "short_code";
        public const string OccurredAt = "occurred_at";
        public const string Country = "country";
        public const string Region = "region";
        public const string City = "city";
        public const string DeviceType = "device_type";
        public const string Os = "os";
        public const string Browser = "browser";
        public const string ReferrerHost = "referrer_host";
        public const string IpAnonymised = "ip_anonymised";
        public const string VisitorHash = "visitor_hash";
        public const string IsBot = "is_bot";
        public const string IsHead = "is_head";
        public const string Rule = "rule";
        public const string Variant = "variant";
        public const string ExpiredFallback = "expired_fallback";
        public const string LimitFallback = "limit_fallback";
    }

    /// <summary>Scans and first visits per code and hour.</summary>
    public static class ScanHours
    {
        public const string Table = "scan_hours";
        public const string QrCodeId = "qr_code_id";
        public const string Hour = "hour";
        public const string IsBot = "is_bot";
        public const string IsHead = "is_head";
        public const string Scans = "scans";
        public const string UniqueScanners = "unique_scanners";
    }

    /// <summary>Scans per code, hour and one dimension's value.</summary>
    public static class ScanDimensionHours
    {
        public const string Table = "scan_dimension_hours";
        public const string QrCodeId = "qr_code_id";
        public const string Hour = "hour";
        public const string Dimension = "dimension";
        public const string Value = "value";
        public const string IsBot = "is_bot";
        public const string IsHead = "is_head";
        public const string Scans = "scans";
    }

    /// <summary>Scans per code, day and one dimension's value.</summary>
    public static class ScanDimensionDays
    {
        public const string Table = "scan_dimension_days";
        public const string QrCodeId = "qr_code_id";
        public const string Day = "day";
        public const string Dimension = "dimension";
        public const string Value = "value";
        public const string IsBot = "is_bot";
        public const string IsHead = "is_head";
        public const string Scans = "scans";
    }

    /// <summary>Unique scanners per code and day.</summary>
    public static class ScanVisitors
    {
        public const string Table = "scan_visitors";
        public const string QrCodeId = "qr_code_id";
        public const string Day = "day";
        public const string VisitorHash = "visitor_hash";
        public const string IsBot = "is_bot";
        public const string FirstHour = "first_hour";
        public const string PreviousFirstHour = "previous_first_hour";
    }

    /// <summary>Scans and first visits per code, hour, routing rule and A/B variant.</summary>
    public static class ScanRouteHours
    {
        public const string Table = "scan_route_hours";
        public const string QrCodeId = "qr_code_id";
        public const string Hour = "hour";
        public const string Rule = "rule";
        public const string Variant = "variant";
        public const string IsBot = "is_bot";
        public const string IsHead = "is_head";
        public const string Scans = "scans";
        public const string UniqueScanners = "unique_scanners";

        /// <summary>The numbers stored in <see cref="Rule"/> beside rule indexes; <c>ScanRouteHour</c> (src/Data) is defined by them.</summary>
        public static class Rules
        {
            public const short Default = -1;
            public const short ExpiredFallback = -2;
            public const short LimitFallback = -3;
        }
    }

    /// <summary>Unique scanners per code, day, routing rule and A/B variant.</summary>
    public static class ScanRouteVisitors
    {
        public const string Table = "scan_route_visitors";
        public const string QrCodeId = "qr_code_id";
        public const string Day = "day";
        public const string Rule = "rule";
        public const string Variant = "variant";
        public const string VisitorHash = "visitor_hash";
        public const string IsBot = "is_bot";
        public const string FirstHour = "first_hour";
        public const string PreviousFirstHour = "previous_first_hour";
    }

    /// <summary>Scan events the Worker refused.</summary>
    public static class ScanDeadLetters
    {
        public const string Table = "scan_dead_letters";
        public const string Id = "id";
        public const string Payload = "payload";
        public const string Reason = "reason";
        public const string FailedAt = "failed_at";
    }

    /// <summary>Branded domains: hosts an account proved it owns (DNS TXT record) and serves its short links on.</summary>
    public static class Domains
    {
        public const string Table = "domains";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Name = "name";
        public const string Token = "token";
        public const string CreatedAt = "created_at";
        public const string VerifiedAt = "verified_at";
        public const string CheckedAt = "checked_at";
        public const string DeletedAt = "deleted_at";
    }

    /// <summary>URLs a workspace has subscribed to events.</summary>
    public static class WebhookEndpoints
    {
        public const string Table = "webhook_endpoints";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Url = "url";
        public const string Events = "events";
        public const string Secret = "secret";
        public const string Enabled = "enabled";
        public const string DisabledReason = "disabled_reason";
        public const string ConsecutiveFailures = "consecutive_failures";
        public const string FailingSince = "failing_since";
        public const string CreatedAt = "created_at";
        public const string UpdatedAt = "updated_at";
    }

    /// <summary>Events waiting to be delivered (the webhook outbox).</summary>
    public static class WebhookEvents
    {
        public const string Table = "webhook_events";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Type = "type";
        public const string Payload = "payload";
        public const string CreatedAt = "created_at";
    }

    /// <summary>One event for one endpoint, with its attempts.</summary>
    public static class WebhookDeliveries
    {
        public const string Table = "webhook_deliveries";
        public const string Id = "id";
        public const string EventId = "event_id";
        public const string EndpointId = "endpoint_id";
        public const string Status = "status";
        public const string Attempts = "attempts";
        public const string NextAttemptAt = "next_attempt_at";
        public const string GiveUpAt = "give_up_at";
        public const string ResponseStatus = "response_status";
        public const string DurationMs = "duration_ms";
        public const string ResponseExcerpt = "response_excerpt";
        public const string CreatedAt = "created_at";
        public const string LastAttemptAt = "last_attempt_at";
    }

    /// <summary>Who did what in a workspace (docs/audit-log.md).</summary>
    public static class AuditEntries
    {
        public const string Table = "audit_entries";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string ActorKind = "actor_kind";
        public const string ActorId = "actor_id";
        public const string ApiKeyId = "api_key_id";
        public const string Action = "action";
        public const string TargetType = "target_type";
        public const string TargetId = "target_id";
        public const string Changes = "changes";
        public const string ClientAddress = "client_address";
        public const string ClientNetwork = "client_network";
        public const string OccurredAt = "occurred_at";
    }

    /// <summary>Workspaces: an account's personal one (with the account's id) and shared ones (docs/workspaces.md).</summary>
    public static class Workspaces
    {
        public const string Table = "workspaces";
        public const string Id = "id";
        public const string Name = "name";
        public const string Personal = "personal";
        public const string CreatedAt = "created_at";
    }

    /// <summary>Who belongs to a workspace, with which role.</summary>
    public static class WorkspaceMembers
    {
        public const string Table = "workspace_members";
        public const string WorkspaceId = "workspace_id";
        public const string AccountId = "account_id";
        public const string Role = "role";
        public const string JoinedAt = "joined_at";
    }

    /// <summary>Invitations to a workspace by e-mail (token hashed).</summary>
    public static class WorkspaceInvitations
    {
        public const string Table = "workspace_invitations";
        public const string Id = "id";
        public const string WorkspaceId = "workspace_id";
        public const string Email = "email";
        public const string NormalizedEmail = "normalized_email";
        public const string Role = "role";
        public const string TokenHash = "token_hash";
        public const string InvitedBy = "invited_by";
        public const string CreatedAt = "created_at";
        public const string ExpiresAt = "expires_at";
        public const string AcceptedAt = "accepted_at";
        public const string RevokedAt = "revoked_at";
    }
}
