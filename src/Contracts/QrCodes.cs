namespace QrAspire.Contracts;

/// <remarks>A code to create: static (its content encoded directly) or dynamic (a short link to a destination).</remarks>
public sealed record CreateQrCodeRequest
{
    /// <remarks>1 to 200 characters, without control characters.</remarks>
    public string Name { get; init; } = "";

    /// <summary><c>static</c> (content encoded directly) or <c>dynamic</c> (a short link to <see cref="Destination"/>).</summary>
    public string Type { get; init; } = "";

    /// <remarks>Static codes: what is encoded.</remarks>
    public QrContent? Content { get; init; }

    /// <remarks>Dynamic codes: where a scan goes.</remarks>
    public string? Destination { get; init; }

    /// <summary>A custom short code (dynamic only); otherwise an unguessable one is made.</summary>
    public string? ShortCode { get; init; }

    /// <remarks>Dynamic codes: 301, 302 (default) or 307.</remarks>
    public int? RedirectStatus { get; init; }

    /// <remarks><c>active</c> (default) or <c>paused</c>.</remarks>
    public string? Status { get; init; }

    /// <remarks>When the code stops redirecting (UTC), or null.</remarks>
    public DateTime? ExpiresAt { get; init; }

    /// <remarks>Up to 20 tags.</remarks>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <remarks>The saved look.</remarks>
    public QrCodeStyle? Style { get; init; }

    /// <summary>A brand kit's id (<c>kit_…</c>): its style applies, with the fields of <c>style</c> on top.</summary>
    public string? BrandKitId { get; init; }

    /// <remarks>Dynamic codes: rules, A/B variants, expiry fallback, scan limit and UTM parameters; null for none.</remarks>
    public QrCodeRouting? Routing { get; init; }

    /// <summary>Dynamic codes: a verified branded domain of the account (<c>dom_…</c>) to serve the short link on; null for the service's own host.</summary>
    public string? DomainId { get; init; }

    /// <summary>
    /// Dynamic codes: a password (4–128 characters, no control characters) scanners must type before they are
    /// redirected. Write-only: it is stored as a salted hash and never returned; responses say <c>passwordProtected</c>.
    /// </summary>
    public string? Password { get; init; }
}

/// <summary>
/// Fields to change; absent fields stay as they are. <c>tags</c> and <c>style</c> replace the whole value.
/// Send the ETag you read in <c>If-Match</c> to be sure nobody changed the code meanwhile (412 otherwise).
/// </summary>
public sealed record UpdateQrCodeRequest
{
    /// <remarks>The code's id, taken from the route.</remarks>
    public string Id { get; init; } = "";

    /// <remarks>A new name.</remarks>
    public string? Name { get; init; }

    /// <remarks>Static codes: new content.</remarks>
    public QrContent? Content { get; init; }

    /// <remarks>Dynamic codes: a new destination.</remarks>
    public string? Destination { get; init; }

    /// <remarks>Dynamic codes: 301, 302 or 307.</remarks>
    public int? RedirectStatus { get; init; }

    /// <remarks><c>active</c> or <c>paused</c>.</remarks>
    public string? Status { get; init; }

    /// <remarks>A new expiry (UTC).</remarks>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>True to remove the expiry.</summary>
    public bool? RemoveExpiry { get; init; }

    /// <remarks>The new tags, replacing the old.</remarks>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <remarks>The new look, replacing the old.</remarks>
    public QrCodeStyle? Style { get; init; }

    /// <summary>A brand kit's id (<c>kit_…</c>): the new look is its style with the fields of <c>style</c> on top, replacing the old.</summary>
    public string? BrandKitId { get; init; }

    /// <remarks>Dynamic codes: new routing, replacing the old whole; an empty object (<c>{}</c>) removes it.</remarks>
    public QrCodeRouting? Routing { get; init; }

    /// <summary>
    /// Dynamic codes: a new password (4–128 characters, no control characters), replacing the old. Write-only:
    /// stored as a salted hash, never returned. Absent: the password stays as it is.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>True to remove the password, so scans redirect without asking (not together with <c>password</c>).</summary>
    public bool? RemovePassword { get; init; }
}

/// <summary>A QR code as the Api shows it.</summary>
public sealed record QrCodeResponse
{
    /// <remarks><c>qr_</c> and 20 characters.</remarks>
    public required string Id { get; init; }

    /// <remarks>The name.</remarks>
    public required string Name { get; init; }

    /// <summary><c>static</c> or <c>dynamic</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Static codes: what is encoded.</summary>
    public QrContent? Content { get; init; }

    /// <summary>Dynamic codes: where a scan goes.</summary>
    public string? Destination { get; init; }

    /// <summary>Dynamic codes: the short code and the URL the QR code encodes.</summary>
    public string? ShortCode { get; init; }

    /// <remarks>Dynamic codes: the URL the QR code encodes.</remarks>
    public string? ShortUrl { get; init; }

    /// <summary>Dynamic codes: the branded domain (<c>dom_…</c>) the short URL is on, or null for the service's own host.</summary>
    public string? DomainId { get; init; }

    /// <summary>Dynamic codes: 301, 302 or 307.</summary>
    public int? RedirectStatus { get; init; }

    /// <summary><c>active</c> or <c>paused</c>.</summary>
    public required string Status { get; init; }

    /// <remarks>When the code stops redirecting (UTC), or null.</remarks>
    public DateTime? ExpiresAt { get; init; }

    /// <remarks>Sorted tags.</remarks>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <remarks>The saved look, or null for the defaults.</remarks>
    public QrCodeStyle? Style { get; init; }

    /// <remarks>Dynamic codes: rules, A/B variants, expiry fallback, scan limit and UTM parameters, or null.</remarks>
    public QrCodeRouting? Routing { get; init; }

    /// <summary>Dynamic codes: whether scanners must type a password (the password itself is never returned).</summary>
    public bool PasswordProtected { get; init; }

    /// <remarks>When the code was created (UTC).</remarks>
    public required DateTime CreatedAt { get; init; }

    /// <remarks>When the code last changed (UTC).</remarks>
    public required DateTime UpdatedAt { get; init; }

    /// <summary>Increments with every change; the ETag is <c>"v{version}"</c>.</summary>
    public required int Version { get; init; }

    /// <summary>Where to download the PNG; <c>image.svg</c>, <c>.pdf</c>, <c>.eps</c>, <c>.jpg</c> and <c>.webp</c> work too.</summary>
    public required string ImageUrl { get; init; }
}

/// <remarks>A page of codes; <see cref="NextCursor"/> asks for the next one.</remarks>
public sealed record QrCodePage(IReadOnlyList<QrCodeResponse> Items, string? NextCursor);

/// <remarks>A static code to render without saving it.</remarks>
public sealed record RenderRequest
{
    /// <remarks>What to encode.</remarks>
    public QrContent? Content { get; init; }

    /// <remarks>The look, or null for the defaults.</remarks>
    public QrCodeStyle? Style { get; init; }

    /// <summary>A brand kit's id (<c>kit_…</c>): its style applies, with the fields of <c>style</c> on top.</summary>
    public string? BrandKitId { get; init; }

    /// <summary>png (default), svg, pdf, eps, jpg, webp.</summary>
    public string Format { get; init; } = "png";
}

/// <remarks>An uploaded logo.</remarks>
public sealed record LogoResponse(string Id, string ContentType, long Length, int Width, int Height, DateTime CreatedAt);
