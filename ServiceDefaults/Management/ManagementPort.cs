using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.ServiceDefaults.Management;

/// <summary>
/// The private port for operations endpoints (<c>/health</c>, <c>/metrics</c>), from <c>Management:Port</c>
/// (<c>Management__Port</c>). Set, the service listens on it beside its own addresses and answers readiness and
/// metrics only there, so a Kubernetes Service or an ingress that publishes the app port never publishes them. Not
/// set (development, in-process tests), they share the app port and readiness shows no detail.
/// </summary>
public sealed class ManagementPort
{
    /// <summary>The setting that names the port.</summary>
    public const string Setting = "Management:Port";

    private ManagementPort(int? port) => Port = port;

    /// <summary>The port, or null when operations endpoints share the app port.</summary>
    public int? Port { get; }

    /// <summary>Reads <c>Management:Port</c>: empty or absent is none, anything but 1–65535 throws <see cref="SettingsException"/>.</summary>
    public static ManagementPort From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[Setting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new ManagementPort(null);
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? new ManagementPort(port)
            : throw new SettingsException(Setting, $"must be a port number from 1 to 65535, got '{raw}'");
    }

    /// <summary>True when <paramref name="context"/> arrived on the management port.</summary>
    public bool Serves(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Port is { } port && context.Connection.LocalPort == port;
    }

    /// <summary>
    /// Adds the management port to the addresses the server binds, keeping the configured ones (<c>urls</c>,
    /// <c>http_ports</c>, else Kestrel's default): an address set in code would otherwise replace them. It listens
    /// on loopback when every app address is a loopback one, else on all interfaces. A port already configured (the
    /// AppHost lists it in <c>ASPNETCORE_URLS</c>) is not added twice.
    /// </summary>
    internal void Bind(IServiceProvider services, IConfiguration configuration)
    {
        if (Port is not { } port
            || services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>() is not { Addresses: { IsReadOnly: false } addresses })
        {
            return; // No management port, or an in-process test server that binds nothing.
        }

        if (addresses.Count == 0)
        {
            foreach (var url in ConfiguredUrls(configuration))
            {
                addresses.Add(url);
            }
        }

        var ports = addresses.Select(PortOf).ToList();
        if (ports.Contains(port))
        {
            return;
        }

        var host = addresses.All(IsLoopback) ? "localhost" : "*";
        addresses.Add($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    // The order ASP.NET Core itself reads them in: urls, then http_ports/https_ports, then Kestrel's default.
    private static List<string> ConfiguredUrls(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        static IEnumerable<string> Expand(string? ports, string scheme) =>
            (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
        List<string> fromPorts = [.. Expand(configuration[WebHostDefaults.HttpPortsKey], "http"), .. Expand(configuration[WebHostDefaults.HttpsPortsKey], "https")];
        return fromPorts.Count > 0 ? fromPorts : ["http://localhost:5000"];
    }

    private static int PortOf(string url) => BindingAddress.Parse(url).Port;

    private static bool IsLoopback(string url) => BindingAddress.Parse(url).Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
