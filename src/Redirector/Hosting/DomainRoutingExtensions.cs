using QrAspire.Redirector.Domains;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Hosting;

public static class DomainRoutingExtensions
{
    /// <summary>Host routing: <c>REDIRECT_HOSTS</c> (validated now) and the verified branded domains, kept current.</summary>
    public static WebApplicationBuilder AddHostRouting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ownHosts = ReadHosts(builder.Configuration["REDIRECT_HOSTS"]);
        builder.Services.AddSingleton(new HostRouting(ownHosts));
        builder.Services.AddSingleton<BrandedDomainsRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BrandedDomainsRefresher>());
        return builder;
    }

    private static List<string> ReadHosts(string? raw)
    {
        var hosts = new List<string>();
        foreach (var name in (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = name.TrimEnd('.');
            if (Uri.CheckHostName(host.Trim('[', ']')) is UriHostNameType.Unknown or UriHostNameType.Basic || (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')))
            {
                throw new SettingsException("REDIRECT_HOSTS", $"must be a comma-separated list of host names or addresses without ports, got '{name}'");
            }

            hosts.Add(host);
        }

        return hosts;
    }
}
