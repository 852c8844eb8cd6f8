using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

internal static class WebConsoleResourceExtensions
{
    /// <summary>
    /// The web console (<c>web</c>): talks to the Api only over its public URL, keeps its sessions and Data Protection
    /// keys beside the other data, and is the address the Worker puts in e-mailed links (<c>WEB_BASE_URL</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddWebConsole(
        this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure, IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> worker)
    {
        var web = builder.AddProject<Projects.QrAspire_Web>("web")
            .WithEnvironment("API_BASE_URL", api.GetEndpoint("http"))
            .WithEnvironment("WEB_DATA_PATH", Path.Combine(infrastructure.DataPath, "web"))
            .WaitFor(api)
            .WithHttpHealthCheck("/health");
        if (builder.Configuration["WEB_BASE_URL"] is not { Length: > 0 })
        {
            worker.WithEnvironment("WEB_BASE_URL", web.GetEndpoint("http"));
        }

        return web;
    }
}
