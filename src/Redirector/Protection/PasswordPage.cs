using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace QrAspire.Redirector.Protection;

/// <summary>
/// The page a password-protected code answers with: one form, no script, inline style only, so it works on the
/// oldest phone browser and a strict Content-Security-Policy allows nothing else. It never holds the destination.
/// </summary>
public static class PasswordPage
{
    /// <summary>
    /// Nothing loads and nothing frames it. The form posts back here, and browsers also hold the 303 that follows a right
    /// password to <c>form-action</c>: the destination is any http(s) address, so the directive names the schemes too
    /// (with <c>'self'</c> alone, Chrome blocks the redirect and the visitor never arrives).
    /// </summary>
    public static readonly StringValues ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Tells a browser to use the form (401 must name a scheme; this one is no HTTP authentication).</summary>
    public static readonly StringValues Challenge = "Form";

    private static readonly StringValues Html = "text/html; charset=utf-8";
    private static readonly StringValues NoStore = "no-store";
    private static readonly StringValues NoIndex = "noindex, nofollow";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues NoSniff = "nosniff";

    private const string Head = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\">"
        + "<title>Password required</title><style>body{font-family:sans-serif;margin:2em auto;max-width:22em;padding:0 1em}input{font-size:1.2em;width:100%;margin:.4em 0;box-sizing:border-box}p.e{color:#b00020}</style>"
        + "<h1>Password required</h1><p>This QR code is protected. Type its password to continue.</p>";

    /// <summary>Writes the form (with <paramref name="error"/> above it when set) as <paramref name="status"/>; HEAD gets the headers only.</summary>
    public static Task WriteAsync(HttpContext context, string code, int status, string? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = Encoding.UTF8.GetBytes(Head
            + (error is null ? "" : $"<p class=\"e\" role=\"alert\">{error}</p>")
            // The short code passed ShortCodeFormat (letters, digits, '-', '_'): nothing in it needs escaping.
            + $"<form method=\"post\" action=\"/{code}\"><label for=\"p\">Password</label><input id=\"p\" name=\"password\" type=\"password\" autocomplete=\"off\" autofocus required><input type=\"submit\" value=\"Continue\"></form></html>\n");
        return WriteAsync(context, status, body);
    }

    /// <summary>A short page for answers without the form (too many guesses, busy).</summary>
    public static Task WriteMessageAsync(HttpContext context, int status, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = Encoding.UTF8.GetBytes("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + $"<title>{title}</title><h1>{title}</h1><p>{message}</p></html>\n");
        return WriteAsync(context, status, body);
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = Html;
        var headers = response.Headers;
        headers.CacheControl = NoStore;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = NoSniff;
        headers["X-Robots-Tag"] = NoIndex;
        headers["Referrer-Policy"] = NoReferrer;
        headers.XFrameOptions = "DENY";
        if (status == StatusCodes.Status401Unauthorized)
        {
            headers.WWWAuthenticate = Challenge;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
