using QrAspire.Data.Model;

namespace QrAspire.Api.Features.QrCodes;

/// <summary>A QR code as the Api shows it.</summary>
public sealed record QrCodeResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary><c>static</c> or <c>dynamic</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Static codes: what is encoded.</summary>
    public QrContent? Content { get; init; }

    /// <summary>Dynamic codes: where a scan goes.</summary>
    public string? Destination { get; init; }

    /// <summary>Dynamic codes: the short code and the URL the QR code encodes.</summary>
    public string? ShortCode { get; init; }

    public string? ShortUrl { get; init; }

    /// <summary>Dynamic codes: 301, 302 or 307.</summary>
    public int? RedirectStatus { get; init; }

    /// <summary><c>active</c> or <c>paused</c>.</summary>
    public required string Status { get; init; }

    public DateTime? ExpiresAt { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public QrCodeStyle? Style { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>Increments with every change; the ETag is <c>"v{version}"</c>.</summary>
    public required int Version { get; init; }

    /// <summary>Where to download the PNG; <c>image.svg</c>, <c>.pdf</c>, <c>.eps</c>, <c>.jpg</c> and <c>.webp</c> work too.</summary>
    public required string ImageUrl { get; init; }
}

internal static class QrCodeMapping
{
    public static string ETag(this QrCode code) => $"\"v{code.Version}\"";

    public static QrCodeResponse ToResponse(this QrCode code, RedirectLinks links) => new()
    {
        Id = code.Id,
        Name = code.Name,
        Type = code.Kind == QrCodeKind.Dynamic ? "dynamic" : "static",
        Content = QrCodeJson.ContentOf(code),
        Destination = code.Destination,
        ShortCode = code.ShortCode,
        ShortUrl = code.ShortCode is null ? null : links.For(code.ShortCode),
        RedirectStatus = code.Kind == QrCodeKind.Dynamic ? code.RedirectStatus : null,
        Status = code.Status == QrCodeStatus.Paused ? "paused" : "active",
        ExpiresAt = code.ExpiresAt,
        Tags = code.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
        Style = QrCodeJson.StyleOf(code),
        CreatedAt = code.CreatedAt,
        UpdatedAt = code.UpdatedAt,
        Version = code.Version,
        ImageUrl = $"/api/v1/qr-codes/{code.Id}/image.png",
    };
}
