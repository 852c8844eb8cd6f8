using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Web.Hosting;

/// <summary>
/// The console's settings: <c>API_BASE_URL</c> (the Api it talks to, required) and <c>WEB_DATA_PATH</c> (where the
/// session store and the Data Protection keys live, so sessions survive a restart; default <c>.data/web</c>).
/// </summary>
public sealed record WebSettings(Uri ApiBaseUrl, string DataPath)
{
    /// <summary>Reads and validates the settings; throws <see cref="SettingsException"/> naming the bad one.</summary>
    public static WebSettings From(IConfiguration configuration, string contentRoot)
    {
        var api = configuration["API_BASE_URL"];
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new SettingsException("API_BASE_URL", "is not set; give the Api's URL (e.g. http://localhost:5080)");
        }

        if (!Uri.TryCreate(api.Trim(), UriKind.Absolute, out var apiUrl) || apiUrl.Scheme is not ("http" or "https"))
        {
            throw new SettingsException("API_BASE_URL", $"is not an absolute http(s) URL, got '{api}'");
        }

        var path = configuration["WEB_DATA_PATH"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(contentRoot, ".data", "web");
        }
        else if (!Path.IsPathFullyQualified(path))
        {
            throw new SettingsException("WEB_DATA_PATH", $"must be an absolute path, got '{path}'");
        }

        return new WebSettings(apiUrl, path);
    }
}
