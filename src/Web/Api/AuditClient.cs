namespace QrAspire.Web.Api;

/// <summary>The workspace's audit log, through <see cref="ApiClient"/>.</summary>
public sealed class AuditClient(ApiClient api)
{
    /// <summary>A page of entries, newest first; <paramref name="query"/> holds the filters (<c>?action=…&amp;cursor=…</c>).</summary>
    public Task<ApiResult<AuditPage>> ListAsync(string query, CancellationToken ct = default) =>
        api.GetAsync<AuditPage>(ApiRoutes.Path(ApiRoutes.Audit) + query, ct);

    /// <summary>Every matching entry as CSV, streamed; the caller disposes the answer.</summary>
    public Task<HttpResponseMessage> GetCsvAsync(string query, CancellationToken ct = default) =>
        api.GetRawAsync(ApiRoutes.Path(ApiRoutes.AuditCsv) + query, ct);
}
