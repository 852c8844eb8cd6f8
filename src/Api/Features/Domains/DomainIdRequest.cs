namespace QrAspire.Api.Features.Domains;

/// <summary>A branded domain named by the route's id.</summary>
public sealed record DomainIdRequest(string Id);
