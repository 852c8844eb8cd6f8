namespace QrAspire.Api.Features.BrandKits;

/// <summary>A brand kit named by the route's id.</summary>
public sealed record BrandKitIdRequest(string Id);
