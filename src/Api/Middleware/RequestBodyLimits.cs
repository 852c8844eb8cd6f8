using Microsoft.AspNetCore.Http.Features;
using QrAspire.Api.Common;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Caps request bodies per route before anything reads them: small JSON everywhere, more for uploads (logos 2 MB, batch CSVs 5 MB). A declared
/// length over the cap is refused at once (413); a chunked body is cut off by Kestrel at the cap (also 413).
/// </summary>
internal sealed class RequestBodyLimits(RequestDelegate next)
{
    public const long JsonLimit = 64 * 1024;
    public const long UploadLimit = 2 * 1024 * 1024;

    /// <summary>A batch CSV (5 MB) and its multipart framing.</summary>
    public const long BatchLimit = Features.Batches.BatchFile.MaxBytes + 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var limit = path.StartsWithSegments("/api/v1/logos") ? UploadLimit
            : HttpMethods.IsPost(context.Request.Method) && path.Equals("/api/v1/batches", StringComparison.OrdinalIgnoreCase) ? BatchLimit
            : JsonLimit;
        if (context.Request.ContentLength > limit)
        {
            return Problems.TooLarge(limit).ToResult().ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
