namespace QrAspire.Web.Api;

/// <summary>The account's branded domains, through <see cref="ApiClient"/>.</summary>
public sealed class DomainsClient(ApiClient api)
{
    /// <summary>Every domain of the account, by name, pending and verified.</summary>
    public Task<ApiResult<DomainListResponse>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<DomainListResponse>(ApiRoutes.Path(ApiRoutes.Domains), ct);

    /// <summary>Adds a domain; the answer names the TXT record that proves ownership.</summary>
    public Task<ApiResult<DomainResponse>> CreateAsync(DomainRequest request, CancellationToken ct = default) =>
        api.SendAsync<DomainResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.Domains), request, ct);

    /// <summary>Looks the TXT record up now; the answer's <see cref="DomainResponse.Check"/> says what was found.</summary>
    public Task<ApiResult<DomainResponse>> VerifyAsync(string id, CancellationToken ct = default) =>
        api.SendAsync<DomainResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.DomainVerify, id), ct);

    /// <summary>Removes a domain (refused while live codes use it).</summary>
    public Task<ApiResult<bool>> DeleteAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.Domain, id), ct);
}
