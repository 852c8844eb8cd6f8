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
        downloads.MapGet("/codes/{id}/image.{format}", (string id, string format, HttpContext context, ApiClient api) =>
            ValidId().IsMatch(id) && ImageFormats.Contains(format)
                ? ProxyAsync(context, api, $"/api/v1/qr-codes/{id}/image.{format}{context.Request.QueryString}", $"{id}.{format}")
                : Task.FromResult(Results.NotFound()));
        downloads.MapGet("/codes/{id}/analytics.csv", (string id, HttpContext context, ApiClient api) =>
            ValidId().IsMatch(id)
                ? ProxyAsync(context, api, $"/api/v1/qr-codes/{id}/analytics{WithCsv(context)}", $"analytics-{id}.csv")
                : Task.FromResult(Results.NotFound()));
        downloads.MapGet("/analytics.csv", (HttpContext context, ApiClient api) =>
            ProxyAsync(context, api, $"/api/v1/analytics{WithCsv(context)}", "analytics.csv"));
        downloads.MapGet("/batches/{id}.zip", (string id, HttpContext context, ApiClient api) =>
            ValidId().IsMatch(id)
                ? ProxyAsync(context, api, $"/api/v1/batches/{id}/download", $"{id}.zip")
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

    private static async Task<IResult> ProxyAsync(HttpContext context, ApiClient api, string pathAndQuery, string fileName)
    {
        HttpResponseMessage response;
        try
        {
            response = await api.GetRawAsync(pathAndQuery, context.RequestAborted);
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
