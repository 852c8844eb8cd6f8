namespace QrAspire.Web.Api;

/// <summary>The account's brand kits, through <see cref="ApiClient"/>.</summary>
public sealed class BrandKitsClient(ApiClient api)
{
    /// <summary>Every kit of the account, by name.</summary>
    public Task<ApiResult<BrandKitListResponse>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<BrandKitListResponse>(ApiRoutes.Path(ApiRoutes.BrandKits), ct);

    /// <summary>Saves a style as a named kit.</summary>
    public Task<ApiResult<BrandKitResponse>> CreateAsync(BrandKitRequest request, CancellationToken ct = default) =>
        api.SendAsync<BrandKitResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.BrandKits), request, ct);

    /// <summary>Deletes a kit (codes made with it keep their style).</summary>
    public Task<ApiResult<bool>> DeleteAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.BrandKit, id), ct);
}
