namespace QrAspire.Web.Api;

/// <summary>QR codes, their previews and logos, through <see cref="ApiClient"/>.</summary>
public sealed class QrCodesClient(ApiClient api)
{
    /// <summary>A page of codes; <paramref name="query"/> is the query string (with its <c>?</c>) or empty.</summary>
    public Task<ApiResult<QrCodePage>> ListAsync(string query, CancellationToken ct = default) =>
        api.GetAsync<QrCodePage>(ApiRoutes.Path(ApiRoutes.QrCodes) + query, ct);

    /// <summary>One code.</summary>
    public Task<ApiResult<QrCodeResponse>> GetAsync(string id, CancellationToken ct = default) =>
        api.GetAsync<QrCodeResponse>(ApiRoutes.Path(ApiRoutes.QrCode, id), ct);

    /// <summary>Creates a code.</summary>
    public Task<ApiResult<QrCodeResponse>> CreateAsync(CreateQrCodeRequest request, CancellationToken ct = default) =>
        api.SendAsync<QrCodeResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.QrCodes), request, ct);

    /// <summary>Changes the fields of <paramref name="request"/> that are set.</summary>
    public Task<ApiResult<QrCodeResponse>> UpdateAsync(UpdateQrCodeRequest request, CancellationToken ct = default) =>
        api.SendAsync<QrCodeResponse>(HttpMethod.Patch, ApiRoutes.Path(ApiRoutes.QrCode, request.Id), request, ct);

    /// <summary>Deletes a code.</summary>
    public Task<ApiResult<bool>> DeleteAsync(string id, CancellationToken ct = default) =>
        api.SendWithoutBodyAsync(HttpMethod.Delete, ApiRoutes.Path(ApiRoutes.QrCode, id), ct);

    /// <summary>Where a sample visitor would go with a routing (saved or still being edited).</summary>
    public Task<ApiResult<RoutingPreviewResponse>> PreviewRoutingAsync(RoutingPreviewRequest request, CancellationToken ct = default) =>
        api.SendAsync<RoutingPreviewResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.RoutingPreview), request, ct);

    /// <summary>Renders a code without saving it: the image's bytes and media type.</summary>
    public Task<ApiResult<(byte[] Bytes, string ContentType)>> RenderAsync(RenderRequest request, CancellationToken ct = default) =>
        api.SendForBytesAsync(ApiRoutes.Path(ApiRoutes.Render), request, ct);

    /// <summary>Checks how well a code scans: a score, the conditions that fail and advice.</summary>
    public Task<ApiResult<RenderCheckResponse>> CheckAsync(RenderCheckRequest request, CancellationToken ct = default) =>
        api.SendAsync<RenderCheckResponse>(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.RenderCheck), request, ct);

    /// <summary>Uploads a logo.</summary>
    public Task<ApiResult<LogoResponse>> UploadLogoAsync(byte[] file, string fileName, string contentType, CancellationToken ct = default) =>
        api.UploadAsync<LogoResponse>(ApiRoutes.Path(ApiRoutes.Logos), file, fileName, contentType, null, ct);

    /// <summary>A code's image, streamed on as the Api sends it; <paramref name="query"/> is the query string or empty.</summary>
    public Task<HttpResponseMessage> GetImageAsync(string id, string format, string query, CancellationToken ct = default) =>
        api.GetRawAsync(ApiRoutes.Path(ApiRoutes.QrCodeImage, id).Replace("{format}", Uri.EscapeDataString(format), StringComparison.Ordinal) + query, ct);
}
