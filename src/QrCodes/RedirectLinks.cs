using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.QrCodes;

/// <summary>
/// The public base URL of the redirect edge (<c>REDIRECT_BASE_URL</c>, e.g. <c>https://qr.example.com</c>): dynamic
/// codes encode <c>{base}/{shortCode}</c>. The AppHost passes the Redirector's URL.
/// </summary>
public sealed class RedirectLinks(Uri baseUrl)
{
    public string For(string shortCode) => $"{baseUrl.AbsoluteUri.TrimEnd('/')}/{shortCode}";

    /// <summary>
    /// The short URL of a code on <paramref name="domain"/> (a verified branded domain, always served over HTTPS), or
    /// on the base URL when <paramref name="domain"/> is null.
    /// </summary>
    public string For(string shortCode, string? domain) => domain is null ? For(shortCode) : $"https://{domain}/{shortCode}";

    /// <summary>The host of the base URL, lower-case (a branded domain may not be it).</summary>
    public string Host => baseUrl.IdnHost.ToLowerInvariant();

    public static RedirectLinks From(IConfiguration configuration)
    {
        var value = configuration["REDIRECT_BASE_URL"];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SettingsException("REDIRECT_BASE_URL", "is not set; give the public URL of the redirector, e.g. https://qr.example.com");
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? new RedirectLinks(uri)
            : throw new SettingsException("REDIRECT_BASE_URL", $"must be an absolute http(s) URL without a query, got '{value}'");
    }
}
