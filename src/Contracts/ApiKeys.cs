namespace QrAspire.Contracts;

/// <remarks>Create an API key with some scopes.</remarks>
public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes);

/// <summary>An API key as lists show it: never the key itself.</summary>
public sealed record ApiKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>The created key: <see cref="Key"/> is shown this once and cannot be read again.</summary>
public sealed record CreatedApiKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, string Key);

/// <remarks>The account's API keys.</remarks>
public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Items);
