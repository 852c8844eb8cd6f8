namespace QrAspire.Web.Api;

/// <summary>The account's API keys, through <see cref="ApiClient"/>.</summary>
public sealed class ApiKeysClient(ApiClient api)
{
    /// <summary>Every key of the account, revoked ones too.</summary>
    public Task<ApiResult<ApiKeyListResponse>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<ApiKeyListResponse>(ApiRoutes.Path(ApiRoutes.ApiKeys), ct);

    /// <summary>Creates a key; the answer holds the key itself, shown once.</summary>
    public Task<ApiResult<CreatedApiKeyResponse>> CreateAsync(CreateApiKeyRequest request, CancellationToken ct = default) =>
        api.SendAsync<CreatedApiKeyResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.ApiKeys), request, ct);

    /// <summary>Revokes a key.</summary>
    public Task<ApiResult<bool>> RevokeAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.ApiKey, id), ct);
}
