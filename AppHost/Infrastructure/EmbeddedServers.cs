using Microsoft.Extensions.DependencyInjection;
namespace QrAspire.AppHost.Infrastructure;

/// <summary>
/// The embedded default: a SQLite file and Microsoft Garnet (a Redis-protocol server in a .NET process of its own,
/// with an append-only file), under <c>{data}/embedded</c>. Nothing to install but the .NET SDK.
/// </summary>
internal static class EmbeddedServers
{
    public static IResourceBuilder<IResourceWithConnectionString> AddSqlite(IDistributedApplicationBuilder builder, string dataRoot)
    {
        var file = Path.Combine(dataRoot, "embedded", "qraspire.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return builder.AddConnectionString("db", ReferenceExpression.Create($"Data Source={file}"));
    }

    public static (IResourceBuilder<IResourceWithConnectionString> Redis, IResourceBuilder<IResource> Server) AddGarnet(
        IDistributedApplicationBuilder builder, string dataRoot)
    {
        var folder = Path.Combine(dataRoot, "embedded", "garnet");
        Directory.CreateDirectory(folder);
        var port = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Every write is committed to the append-only file before it is acknowledged, as redis-server's AOF would.
        var server = builder.AddProject<Projects.QrAspire_EmbeddedRedis>("garnet")
            .WithArgs("--port", port, "--bind", "127.0.0.1", "--storage-tier", "--device-type", "RandomAccess",
                "--logdir", folder, "--checkpointdir", folder, "--aof", "--aof-commit-freq", "0", "--recover")
            .WithHealthCheck("garnet-ready");
        builder.Services.AddHealthChecks().AddAsyncCheck("garnet-ready",
            cancellationToken => RedisPing.CheckAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), cancellationToken));

        var redis = builder.AddConnectionString("redis", ReferenceExpression.Create($"127.0.0.1:{port}"));
        return (redis, server);
    }
}
