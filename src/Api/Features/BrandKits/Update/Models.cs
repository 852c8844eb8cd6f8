namespace QrAspire.Api.Features.BrandKits.Update;

/// <summary>A kit's new name or style (a style given replaces the whole style).</summary>
public sealed record UpdateBrandKitRequest
{
    /// <remarks>The kit's id, taken from the route.</remarks>
    public string Id { get; init; } = "";

    /// <remarks>A new name, or null to keep it.</remarks>
    public string? Name { get; init; }

    /// <remarks>A new style, or null to keep it.</remarks>
    public QrCodeStyle? Style { get; init; }
}
