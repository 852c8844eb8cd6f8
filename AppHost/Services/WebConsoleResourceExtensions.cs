using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

internal static class WebConsoleResourceExtensions
{
    /// <summary>
    /// The web console (<c>web</c>): talks to the Api only over its public URL, keeps its sessions and Data Protection
    /// keys beside the other data, forwards the browser's address to the Api, and is the address the Worker puts in e-mailed links (<c>WEB_BASE_URL</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddWebConsole(
        this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure, IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> worker)
    {
        var web = builder.AddProject<Projects.QrAspire_Web>("web")
            .WithEnvironment("API_BASE_URL", api.GetEndpoint("http"))
            .WithEnvironment("WEB_DATA_PATH", Path.Combine(infrastructure.DataPath, "web"))
            .WaitFor(api)
            .WithManagementEndpoint();
        if (builder.Configuration["WEB_BASE_URL"] is not { Length: > 0 })
        {
            worker.WithEnvironment("WEB_BASE_URL", web.GetEndpoint("http"));
        }

        // The console runs on this machine and forwards each browser's address: the Api believes it from loopback
        // only, so that sign-in throttling and anonymous limits count people, not the console.
        if (builder.Configuration["TRUSTED_PROXIES"] is not { Length: > 0 })
        {
            api.WithEnvironment("TRUSTED_PROXIES", "127.0.0.1,::1");
        }

        return web;
    }
}
