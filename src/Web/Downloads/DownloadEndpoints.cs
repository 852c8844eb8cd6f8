using System.Text.RegularExpressions;
using QrAspire.Web.Api;

namespace QrAspire.Web.Downloads;

/// <summary>
/// Downloads through the console: the browser asks the console (with its cookie), the console asks the Api with the
/// user's token and streams the answer back — images in every format, analytics CSV, bulk ZIPs.
/// </summary>
internal static partial class DownloadEndpoints
{
    private static readonly string[] ImageFormats = ["png", "svg", "pdf", "eps", "jpg", "webp"];

    public static void MapDownloads(this WebApplication app)
    {
        var downloads = app.MapGroup("/download").RequireAuthorization();
        downloads.MapGet("/codes/{id}/image.{format}", (string id, string format, HttpContext context, QrCodesClient codes) =>
            ValidId().IsMatch(id) && ImageFormats.Contains(format)
                ? ProxyAsync(context, ct => codes.GetImageAsync(id, format, context.Request.QueryString.ToString(), ct), $"{id}.{format}")
                : Task.FromResult(Results.NotFound()));
        downloads.MapGet("/codes/{id}/analytics.csv", (string id, HttpContext context, AnalyticsClient analytics) =>
            ValidId().IsMatch(id)
                ? ProxyAsync(context, ct => analytics.GetCsvAsync(id, WithCsv(context), ct), $"analytics-{id}.csv")
                : Task.FromResult(Results.NotFound()));
        downloads.MapGet("/analytics.csv", (HttpContext context, AnalyticsClient analytics) =>
            ProxyAsync(context, ct => analytics.GetCsvAsync(null, WithCsv(context), ct), "analytics.csv"));
        downloads.MapGet("/audit.csv", (HttpContext context, AuditClient audit) =>
            ProxyAsync(context, ct => audit.GetCsvAsync(Passed(context, "action", "actor", "targetId", "from", "to"), ct), "audit.csv"));
        downloads.MapGet("/batches/{id}.zip", (string id, HttpContext context, BatchesClient batches) =>
            ValidId().IsMatch(id)
                ? ProxyAsync(context, ct => batches.DownloadAsync(id, ct), $"{id}.zip")
                : Task.FromResult(Results.NotFound()));
    }

    private static string WithCsv(HttpContext context)
    {
        var query = QueryString.Empty;
        foreach (var (key, value) in context.Request.Query.Where(q => q.Key is "from" or "to" or "interval" or "tz" or "includeBots"))
        {
            query = query.Add(key, value.ToString());
        }

        return query.Add("format", "csv").ToString();
    }

    private static string Passed(HttpContext context, params string[] names)
    {
        var query = QueryString.Empty;
        foreach (var (key, value) in context.Request.Query.Where(q => names.Contains(q.Key, StringComparer.Ordinal)))
        {
            query = query.Add(key, value.ToString());
        }

        return query.ToString();
    }

    private static async Task<IResult> ProxyAsync(HttpContext context, Func<CancellationToken, Task<HttpResponseMessage>> download, string fileName)
    {
        HttpResponseMessage response;
        try
        {
            response = await download(context.RequestAborted);
        }
        catch (SessionExpiredException)
        {
            return Results.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }
        catch (ApiUnavailableException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status502BadGateway);
        }

        context.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            var error = ApiError.Parse((int)response.StatusCode, await response.Content.ReadAsStringAsync(context.RequestAborted));
            return Results.Problem(error.Summary, statusCode: (int)response.StatusCode);
        }

        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        return Results.Stream(await response.Content.ReadAsStreamAsync(context.RequestAborted), contentType, fileName);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidId();
}
