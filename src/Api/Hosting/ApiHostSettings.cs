using System.Globalization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Hosting;

internal static class ApiHostSettings
{
    /// <summary>
    /// Honours <c>API_HOST</c>/<c>API_PORT</c> (docs/configuration.md) when set (containers, Kubernetes); under Aspire the
    /// AppHost's <c>ASPNETCORE_URLS</c> applies instead.
    /// </summary>
    public static void AddApiHostSettings(this WebApplicationBuilder builder)
    {
        var host = builder.Configuration["API_HOST"];
        var port = builder.Configuration["API_PORT"];
        if (string.IsNullOrWhiteSpace(host) && string.IsNullOrWhiteSpace(port))
        {
            return;
        }

        if (!int.TryParse(port ?? "8000", NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new SettingsException("API_PORT", $"must be a port number from 1 to 65535, got '{port}'");
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            host = "0.0.0.0";
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new SettingsException("API_HOST", $"must be a host name or IP address, got '{host}'");
        }

        builder.WebHost.UseUrls($"http://{host}:{number}");
    }
}
