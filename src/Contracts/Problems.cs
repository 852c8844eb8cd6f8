using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.Contracts;

/// <summary>
/// An RFC 9457 problem as the Api writes it (<c>application/problem+json</c>): a stable <see cref="Type"/>
/// (<see cref="ProblemTypes.Base"/> and a slug) and, for validation, the field errors.
/// </summary>
public sealed record Problem
{
    /// <summary>Stable identifier of the kind of problem.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Short human summary of the kind of problem.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>The HTTP status.</summary>
    [JsonPropertyName("status")]
    public required int Status { get; init; }

    /// <summary>What happened in this case.</summary>
    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("instance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }

    /// <summary>The trace id, to find the request in logs and traces.</summary>
    [JsonPropertyName("traceId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }

    /// <summary>Field errors (validation problems only).</summary>
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldError>? Errors { get; init; }

    /// <summary>Members particular to one kind of problem (RFC 9457 extensions), e.g. a refused batch's <c>rows</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}

/// <summary>One field's error: the field (JSON path), a human reason and a stable code.</summary>
/// <param name="Name">The JSON path of the field, e.g. <c>content.url</c> or <c>style.foreground</c>.</param>
/// <param name="Reason">A human reason.</param>
/// <param name="Code">A stable error code, e.g. <c>destination_invalid</c>.</param>
public sealed record FieldError(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("code")] string? Code = null);

/// <summary>The kinds of problem: a problem's <c>type</c> is <see cref="Base"/> followed by one of these slugs.</summary>
public static class ProblemTypes
{
    /// <summary>What every problem type starts with.</summary>
    public const string Base = "https://qraspire.dev/problems/";

    /// <summary>Media type of every error response.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>400: fields are invalid; see the errors.</summary>
    public const string Validation = "validation";

    /// <summary>400 (or another 4xx): the request could not be read at all (malformed, or over a server limit).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>401: no or bad credentials.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>401: wrong e-mail or password.</summary>
    public const string InvalidCredentials = "invalid-credentials";

    /// <summary>401: the refresh token is unknown, expired or revoked.</summary>
    public const string InvalidRefreshToken = "invalid-refresh-token";

    /// <summary>403: the credentials do not allow this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>403: the account's e-mail address is not verified yet, and this action needs it (API keys, and whatever else can act for the account).</summary>
    public const string EmailUnverified = "email-unverified";

    /// <summary>403: the account was never verified within its expiry period; register again.</summary>
    public const string AccountExpired = "account-expired";

    /// <summary>403: the caller is not a member of the workspace the request names (field error code <c>not_a_member</c>).</summary>
    public const string NotAMember = "not-a-member";

    /// <summary>403: the caller's role in the workspace is too low; the member <c>role</c> names the role needed (field error code <c>role_required</c>).</summary>
    public const string RoleRequired = "role-required";

    /// <summary>410: an invitation that was accepted, revoked or has expired (field error code <c>invitation_used</c>, <c>invitation_revoked</c> or <c>invitation_expired</c>).</summary>
    public const string InvitationGone = "invitation-gone";

    /// <summary>404: no such resource.</summary>
    public const string NotFound = "not-found";

    /// <summary>405.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>406.</summary>
    public const string NotAcceptable = "not-acceptable";

    /// <summary>409: e.g. a short code that is taken.</summary>
    public const string Conflict = "conflict";

    /// <summary>412: <c>If-Match</c> does not match the current ETag.</summary>
    public const string PreconditionFailed = "precondition-failed";

    /// <summary>413: the body is too large.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>415.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>422: the code as a whole cannot be encoded or rendered.</summary>
    public const string RenderFailed = "render-failed";

    /// <summary>403: an anonymous render over the anonymous limits (size, format); sign in or send an API key.</summary>
    public const string RenderLimit = "render-limit";

    /// <summary>503: the process is rendering as much as its memory allows and the queue is full; see <c>Retry-After</c>.</summary>
    public const string RenderBusy = "render-busy";

    /// <summary>428: <c>If-Match</c> is required.</summary>
    public const string PreconditionRequired = "precondition-required";

    /// <summary>429: too many requests; see <c>Retry-After</c>.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>429 (wait: see <c>Retry-After</c>) or 403 (delete first): an account quota; the member <c>quota</c> names which.</summary>
    public const string QuotaExceeded = "quota-exceeded";

    /// <summary>503: a dependency (the database) cannot be reached right now; see <c>Retry-After</c>.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>5xx: something went wrong on the server.</summary>
    public const string ServerError = "server-error";
}
