using QrAspire.Data.Model;
using QrAspire.Platform.Protection;
using QrAspire.QrEngine.Contents;

namespace QrAspire.QrCodes;

/// <summary>
/// A code to create, already validated: what <c>POST /api/v1/qr-codes</c> and each row of a batch become. One
/// <see cref="ToEntity"/> makes the stored code for both, so a code made either way is the same.
/// </summary>
public sealed record NewQrCode
{
    /// <summary>The name, trimmed.</summary>
    public required string Name { get; init; }

    /// <summary>Static or dynamic.</summary>
    public required QrCodeKind Kind { get; init; }

    /// <summary>Static codes: what is encoded.</summary>
    public QrContent? Content { get; init; }

    /// <summary>Dynamic codes: where a scan goes.</summary>
    public string? Destination { get; init; }

    /// <summary>Dynamic codes: a custom short code, or null for a generated one.</summary>
    public string? ShortCode { get; init; }

    /// <summary>301, 302 or 307.</summary>
    public int RedirectStatus { get; init; } = 302;

    /// <summary>Created paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Expiry (UTC), or null.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>Normalised tags (<see cref="QrCodeRules.NormalizeTags"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The saved style, or null.</summary>
    public QrCodeStyle? Style { get; init; }

    /// <summary>Dynamic codes: rules, variants, expiry fallback and UTM parameters (checked by <see cref="RoutingChecks"/>), or null.</summary>
    public QrCodeRouting? Routing { get; init; }

    /// <summary>Dynamic codes: the verified branded domain (<c>dom_…</c>) the short code lives on, or null for the service's own.</summary>
    public string? DomainId { get; init; }

    /// <summary>The host name of <see cref="DomainId"/>, for the short URL.</summary>
    public string? DomainName { get; init; }

    /// <summary>Dynamic codes: the password scanners must type (checked by <see cref="CodePassword.Problem"/>), or null; stored hashed.</summary>
    public string? Password { get; init; }

    /// <summary>The stored code, with a fresh id and (for a dynamic code without a custom one) a fresh short code.</summary>
    public QrCode ToEntity(string ownerId, DateTime now)
    {
        var dynamic = Kind == QrCodeKind.Dynamic;
        var code = new QrCode
        {
            Id = Ids.New("qr"),
            WorkspaceId = ownerId,
            Name = Name,
            Kind = Kind,
            ShortCode = dynamic ? ShortCode ?? ShortCodes.New() : null,
            DomainId = dynamic ? DomainId : null,
            Destination = dynamic ? Destination : null,
            Payload = dynamic ? null : QrCodeJson.Serialize(Content),
            Style = QrCodeJson.Serialize(Style),
            Routing = dynamic ? QrCodeJson.Serialize(Routing) : null,
            PasswordHash = dynamic && Password is not null ? CodePassword.Hash(Password) : null,
            RedirectStatus = RedirectStatus,
            Status = Paused ? QrCodeStatus.Paused : QrCodeStatus.Active,
            ExpiresAt = ExpiresAt?.ToUniversalTime(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        foreach (var tag in Tags)
        {
            code.Tags.Add(new QrCodeTag { QrCodeId = code.Id, Tag = tag });
        }

        return code;
    }
}

/// <summary>Generated short codes: 8 base62 characters from a CSPRNG (62^8 ≈ 2·10^14, so a clash is rare; callers draw again on one).</summary>
public static class ShortCodes
{
    /// <summary>Length of a generated short code.</summary>
    public const int GeneratedLength = 8;

    /// <summary>A new random short code.</summary>
    public static string New() => Base62.Random(GeneratedLength);
}

/// <summary>What a code encodes: a dynamic code's short URL, or a static code's content.</summary>
public static class QrCodeContents
{
    /// <summary>What a stored code encodes.</summary>
    public static IQrContent Of(QrCode code, RedirectLinks links)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(links);
        return code.Kind == QrCodeKind.Dynamic ? new UrlQrContent(links.For(code.ShortCode!, code.Domain?.Name)) : QrCodeJson.ContentOf(code)!.ToEngine();
    }

    /// <summary>
    /// What a code about to be created will encode; a dynamic code without a custom short code is given a stand-in of
    /// the generated length, so its check sees the same amount of data as the code will hold.
    /// </summary>
    public static IQrContent Of(NewQrCode code, RedirectLinks links)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(links);
        return code.Kind == QrCodeKind.Dynamic
            ? new UrlQrContent(links.For(code.ShortCode ?? new string('x', ShortCodes.GeneratedLength), code.DomainName))
            : code.Content!.ToEngine();
    }
}
