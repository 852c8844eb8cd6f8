namespace QrAspire.Contracts;

/// <remarks>Create a brand kit, or change one (a field left out stays as it is; a style given replaces the kit's whole style).</remarks>
public sealed record BrandKitRequest
{
    /// <summary>1–200 characters without control characters, unique among the account's kits.</summary>
    public string? Name { get; init; }

    /// <summary>The kit's style: any fields of a code's style (colours, shapes, gradient, eye colours, logo, frame, size).</summary>
    public QrCodeStyle? Style { get; init; }
}

/// <summary>A brand kit: a named style applied with <c>brandKitId</c> to a code, a render, a scannability check or a batch.</summary>
public sealed record BrandKitResponse(string Id, string Name, QrCodeStyle Style, DateTime CreatedAt, DateTime UpdatedAt);

/// <remarks>The account's brand kits, by name.</remarks>
public sealed record BrandKitListResponse(IReadOnlyList<BrandKitResponse> Items);
