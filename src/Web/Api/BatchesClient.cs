namespace QrAspire.Web.Api;

/// <summary>Bulk jobs, through <see cref="ApiClient"/>.</summary>
public sealed class BatchesClient(ApiClient api)
{
    /// <summary>The newest batches.</summary>
    public Task<ApiResult<BatchPage>> ListAsync(CancellationToken ct = default) =>
        api.GetAsync<BatchPage>(ApiRoutes.Path(ApiRoutes.Batches), ct);

    /// <summary>One batch.</summary>
    public Task<ApiResult<BatchResponse>> GetAsync(string id, CancellationToken ct = default) =>
        api.GetAsync<BatchResponse>(ApiRoutes.Path(ApiRoutes.Batch, id), ct);

    /// <summary>Uploads a CSV of codes to create, with the optional form fields <c>name</c> and <c>format</c>.</summary>
    public Task<ApiResult<BatchResponse>> CreateAsync(byte[] csv, string fileName, IReadOnlyDictionary<string, string> fields, CancellationToken ct = default) =>
        api.UploadAsync<BatchResponse>(ApiRoutes.Path(ApiRoutes.Batches), csv, fileName, "text/csv", fields, ct);

    /// <summary>A completed batch's ZIP, streamed on as the Api sends it.</summary>
    public Task<HttpResponseMessage> DownloadAsync(string id, CancellationToken ct = default) =>
        api.GetRawAsync(ApiRoutes.Path(ApiRoutes.BatchDownload, id), ct);
}
