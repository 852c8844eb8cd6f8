using System.Globalization;

namespace QrAspire.AppHost.Services;

internal static class ProductionShapeResourceExtensions
{
    /// <summary>
    /// In the production shape: runs the service from its published binary (<c>{artifacts}/{name}/</c>) instead of
    /// <c>dotnet run</c> of the build output, in the Production environment, in <see cref="ProductionShape.Replicas"/>
    /// replicas when <paramref name="replicated"/>, with the memory limit of its container <paramref name="name"/>
    /// in <c>deploy/k8s/base</c> when <paramref name="memoryLimited"/>. Without the production shape: unchanged.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProductionShape(
        this IResourceBuilder<ProjectResource> service, ProductionShape? production, string name, bool replicated = false, bool memoryLimited = true)
    {
        if (production is null)
        {
            return service;
        }

        var assembly = Path.GetFileNameWithoutExtension(service.Resource.GetProjectMetadata().ProjectPath);
        return service.RunsFrom(production.Binary(name, assembly), production, name, replicated, memoryLimited);
    }

    /// <summary>The same for a given binary (the Native AOT Redirector named by <c>Redirector:Binary</c>).</summary>
    public static IResourceBuilder<ProjectResource> RunsFrom(
        this IResourceBuilder<ProjectResource> service, string binary, ProductionShape production, string name, bool replicated, bool memoryLimited)
    {
        // A project resource that carries its own command runs it directly (no `dotnet run`), and keeps what only
        // project resources have: replicas behind one proxy, and the launch profile's endpoint.
        service.WithAnnotation(new ExecutableAnnotation { Command = binary, WorkingDirectory = Path.GetDirectoryName(binary)! }, ResourceAnnotationMutationBehavior.Replace)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Production");
        foreach (var (variable, value) in production.SharedSettings)
        {
            service.WithEnvironment(variable, value);
        }

        if (memoryLimited)
        {
            // What the runtime reads from the cgroup inside a container: it sizes its heap from this (75 % by default,
            // the Api's 50 %), and the render budget its share. GC settings in the environment are hexadecimal.
            service.WithEnvironment("DOTNET_GCTotalPhysicalMemory", "0x" + production.MemoryLimit(name).ToString("x", CultureInfo.InvariantCulture));
        }

        return replicated ? service.WithReplicas(production.Replicas) : service;
    }
}
