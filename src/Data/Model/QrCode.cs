using QrAspire.Platform.Database;

namespace QrAspire.Data.Model;

/// <summary>
/// A QR code: static (its payload is encoded directly) or dynamic (it encodes a short link whose destination
/// the owner may change). Rows are never removed: deleting sets <see cref="DeletedAt"/> so the short code answers
/// 410 and is never handed out again.
/// </summary>
public sealed class QrCode
{
    /// <summary>Public id, <c>qr_</c> followed by random base62.</summary>
    public required string Id { get; init; }

    /// <summary>The owning account.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>A name the owner chose.</summary>
    public required string Name { get; set; }

    /// <summary><see cref="QrCodeKind.Static"/> or <see cref="QrCodeKind.Dynamic"/>.</summary>
    public required QrCodeKind Kind { get; init; }

    /// <summary>For dynamic codes: the short code behind the redirect URL (unique forever).</summary>
    public string? ShortCode { get; init; }

    /// <summary>For dynamic codes: where a scan is redirected.</summary>
    public string? Destination { get; set; }

    /// <summary>For static codes: the payload as JSON (its type and fields).</summary>
    public string? Payload { get; set; }

    /// <summary>The saved style as JSON (colours, shapes, size, logo id…), applied when the image is rendered.</summary>
    public string? Style { get; set; }

    /// <summary>For dynamic codes: rules, A/B variants, expiry fallback and UTM parameters as JSON (the Api's <c>QrCodeRouting</c>), or null.</summary>
    public string? Routing { get; set; }

    /// <summary>For dynamic codes: the PBKDF2 hash of the password a scanner must give (<c>CodePasswordHash</c> format), or null.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Tags, lower-cased.</summary>
    public ICollection<QrCodeTag> Tags { get; init; } = [];

    /// <summary>301, 302 or 307.</summary>
    public int RedirectStatus { get; set; } = 302;

    /// <summary>Active or paused.</summary>
    public QrCodeStatus Status { get; set; } = QrCodeStatus.Active;

    /// <summary>After this instant (UTC) the short code answers 410.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Set when deleted (soft delete).</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>When the code was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the code was last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>For dynamic codes: the branded domain the short code lives on, or null for the service's own redirect host.</summary>
    public string? DomainId { get; set; }

    /// <summary>The branded domain (loaded where a short URL is built).</summary>
    public Domain? Domain { get; set; }

    /// <summary>Incremented on every change; the ETag and the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>What a QR code encodes. Stored as the number; raw SQL filters on it through <see cref="Schema.QrCodes.Kinds"/>.</summary>
public enum QrCodeKind
{
    /// <summary>The content itself.</summary>
    Static = Schema.QrCodes.Kinds.Static,

    /// <summary>A short link that redirects.</summary>
    Dynamic = Schema.QrCodes.Kinds.Dynamic,
}

/// <summary>Whether a dynamic code redirects. Stored as the number; raw SQL reads it through <see cref="Schema.QrCodes.Statuses"/>.</summary>
public enum QrCodeStatus
{
    /// <summary>Redirects.</summary>
    Active = Schema.QrCodes.Statuses.Active,

    /// <summary>Answers 410 until resumed.</summary>
    Paused = Schema.QrCodes.Statuses.Paused,
}
