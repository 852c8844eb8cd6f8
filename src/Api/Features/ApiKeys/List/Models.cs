
namespace QrAspire.Api.Features.ApiKeys.List;

/// <summary>An API key as lists show it: never the key itself.</summary>
public sealed record ApiKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Items);
