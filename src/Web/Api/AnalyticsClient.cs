namespace QrAspire.Web.Api;

/// <summary>Scan analytics, through <see cref="ApiClient"/>.</summary>
public sealed class AnalyticsClient(ApiClient api)
{
    /// <summary>The report for one code, or the whole account when <paramref name="codeId"/> is null; <paramref name="query"/> is the query string.</summary>
    public Task<ApiResult<AnalyticsReport>> GetAsync(string? codeId, string query, CancellationToken ct = default) =>
        api.GetAsync<AnalyticsReport>(PathOf(codeId) + query, ct);

    /// <summary>The same report as CSV, streamed on as the Api sends it.</summary>
    public Task<HttpResponseMessage> GetCsvAsync(string? codeId, string query, CancellationToken ct = default) =>
        api.GetRawAsync(PathOf(codeId) + query, ct);

    private static string PathOf(string? codeId) =>
        codeId is null ? ApiRoutes.Path(ApiRoutes.Analytics) : ApiRoutes.Path(ApiRoutes.QrCodeAnalytics, codeId);
}
