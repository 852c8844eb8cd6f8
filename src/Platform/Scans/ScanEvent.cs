using System.Text.Json.Serialization;

namespace QrAspire.Platform.Scans;

/// <summary>
/// One scan of an active dynamic code, as the Redirector queues it for the Worker (see <see cref="ScanQueue"/>): a
/// redirect, or the 410 of a code past its scan limit without a fallback.
/// Serialized with <see cref="ScanEventJsonContext"/> as one JSON object in snake_case; unknown fields must be
/// ignored by readers so that fields can be added.
/// </summary>
/// <param name="Id">Unique id (a UUIDv7, time-ordered): the Worker's idempotency key, since delivery is at-least-once.</param>
/// <param name="Code">The short code that was scanned.</param>
/// <param name="QrId">The QR code's id (<c>qr_codes.id</c>), when the Redirector knew it.</param>
/// <param name="OccurredAt">When the redirect was answered, UTC.</param>
/// <param name="Ip">The client's address: the connection's peer, or the <c>X-Forwarded-For</c> hop left of the trusted proxies.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header, at most 512 characters.</param>
/// <param name="Referrer">The <c>Referer</c> header, at most 1,024 characters.</param>
/// <param name="AcceptLanguage">The <c>Accept-Language</c> header, at most 256 characters.</param>
/// <param name="Method"><c>GET</c> or <c>HEAD</c>.</param>
/// <param name="IsHead">True for <c>HEAD</c>: a link checker, not a person; counted apart.</param>
/// <param name="IsBot">True when the user agent is a known link-preview bot or crawler; counted apart.</param>
/// <param name="Bot">Which bot, when <paramref name="IsBot"/> (e.g. <c>Slackbot</c>).</param>
/// <param name="Rule">The index of the routing rule that answered; null for the default destination or a code without rules.</param>
/// <param name="Variant">The index of the A/B variant that answered, or null.</param>
/// <param name="ExpiredFallback">True when an expired code sent the scan to its fallback destination.</param>
/// <param name="LimitFallback">
/// True when a code past its scan limit answered the scan with its limit fallback: the fallback destination, or 410
/// without one. Such a scan does not count toward the limit.
/// </param>
public sealed record ScanEvent(
    string Id,
    string Code,
    string? QrId,
    DateTime OccurredAt,
    string? Ip,
    string? UserAgent,
    string? Referrer,
    string? AcceptLanguage,
    string Method,
    bool IsHead,
    bool IsBot,
    string? Bot,
    int? Rule = null,
    int? Variant = null,
    bool? ExpiredFallback = null,
    bool? LimitFallback = null);

/// <summary>Source-generated (AOT-safe) JSON for <see cref="ScanEvent"/>: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScanEvent))]
public sealed partial class ScanEventJsonContext : JsonSerializerContext;
