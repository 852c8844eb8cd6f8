using QrAspire.Data.Model;

namespace QrAspire.Api.Features.QrCodes;

internal static class QrCodeMapping
{
    public static string ETag(this QrCode code) => $"\"v{code.Version}\"";

    public static QrCodeResponse ToResponse(this QrCode code, RedirectLinks links) => new()
    {
        Id = code.Id,
        Name = code.Name,
        Type = WireNames.Of(code.Kind.ToType()),
        Content = QrCodeJson.ContentOf(code),
        Destination = code.Destination,
        ShortCode = code.ShortCode,
        ShortUrl = code.ShortCode is null ? null : links.For(code.ShortCode, code.Domain?.Name),
        DomainId = code.DomainId,
        RedirectStatus = code.Kind == QrCodeKind.Dynamic ? code.RedirectStatus : null,
        Status = WireNames.Of(code.Status.ToState()),
        ExpiresAt = code.ExpiresAt,
        Tags = code.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
        Style = QrCodeJson.StyleOf(code),
        Routing = QrCodeJson.RoutingOf(code),
        PasswordProtected = code.PasswordHash is not null,
        CreatedAt = code.CreatedAt,
        UpdatedAt = code.UpdatedAt,
        Version = code.Version,
        ImageUrl = $"/api/v1/qr-codes/{code.Id}/image.png",
    };
}
