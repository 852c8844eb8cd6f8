namespace QrAspire.AppHost.Infrastructure;

/// <summary>
/// What the services are wired to, whatever the mode: the <c>db</c> and <c>redis</c> connection strings, the server
/// resources to wait for (none when given), and where blobs go.
/// </summary>
internal sealed record InfrastructureResources(
    InfrastructureChoice Choice,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResource>? DatabaseServer,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResource>? RedisServer,
    string? BlobStoragePath,
    IResourceBuilder<ParameterResource> JwtSecret,
    string DataPath);

internal static class InfrastructureResourcesExtensions
{
    /// <summary>References the database and waits for its server.</summary>
    public static IResourceBuilder<T> WithDatabase<T>(this IResourceBuilder<T> service, InfrastructureResources infrastructure)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        service.WithReference(infrastructure.Database);
        return infrastructure.DatabaseServer is { } server ? service.WaitFor(server) : service;
    }

    /// <summary>References Redis and waits for its server.</summary>
    public static IResourceBuilder<T> WithRedis<T>(this IResourceBuilder<T> service, InfrastructureResources infrastructure)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        service.WithReference(infrastructure.Redis);
        return infrastructure.RedisServer is { } server ? service.WaitFor(server) : service;
    }

    /// <summary>Points the service at the local blob folder, unless S3 settings reach it from the environment.</summary>
    public static IResourceBuilder<T> WithBlobStorage<T>(this IResourceBuilder<T> service, InfrastructureResources infrastructure)
        where T : IResourceWithEnvironment =>
        infrastructure.BlobStoragePath is { } path ? service.WithEnvironment("BLOB_STORAGE_PATH", path) : service;
}
