namespace QrAspire.AppHost.Infrastructure;

internal static class InfrastructureBuilderExtensions
{
    /// <summary>
    /// Adds PostgreSQL (or SQLite), Redis (or Garnet) and blob storage as the chosen mode says, and prints the
    /// choice and its reason in one line. Settings: <c>Infrastructure:Mode</c> (auto|given|containers|local|embedded),
    /// <c>Infrastructure:DataPath</c> (default <c>.data</c> at the repository root).
    /// </summary>
    public static InfrastructureResources AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var binaries = LocalServerBinaries.Find();
        var choice = InfrastructureChoice.Decide(builder.Configuration, binaries);
        Console.WriteLine(choice.ToString());

        var dataRoot = Path.GetFullPath(builder.Configuration["Infrastructure:DataPath"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".data"));
        Directory.CreateDirectory(dataRoot);

        var (database, databaseServer) = choice switch
        {
            { GivenDatabase: { } given } => (builder.AddConnectionString("db", ReferenceExpression.Create($"{given}")), null),
            { Mode: InfrastructureMode.Containers } => ContainerDatabase(builder),
            { Mode: InfrastructureMode.Local } => LocalServers.AddPostgres(builder, binaries!, dataRoot),
            _ => (EmbeddedServers.AddSqlite(builder, dataRoot), null),
        };

        var (redis, redisServer) = choice switch
        {
            { GivenRedis: { } given } => (builder.AddConnectionString("redis", ReferenceExpression.Create($"{given}")), null),
            { Mode: InfrastructureMode.Containers } => ContainerRedis(builder),
            { Mode: InfrastructureMode.Local } => LocalServers.AddRedis(builder, binaries!, dataRoot),
            _ => EmbeddedServers.AddGarnet(builder, dataRoot),
        };

        // S3 settings (S3_BUCKET, …) reach the services from the environment; otherwise files go to a local folder.
        var blobs = string.IsNullOrWhiteSpace(builder.Configuration["S3_BUCKET"]) ? Path.Combine(dataRoot, "blobs") : null;
        if (blobs is not null)
        {
            Directory.CreateDirectory(blobs);
        }

        return new InfrastructureResources(choice, database, databaseServer, redis, redisServer, blobs, JwtSecret(builder, dataRoot), dataRoot);
    }

    // JWT_SECRET from configuration when given; otherwise generated once and kept beside the data, so sign-ins survive restarts.
    private static IResourceBuilder<ParameterResource> JwtSecret(IDistributedApplicationBuilder builder, string dataRoot)
    {
        var secret = builder.Configuration["JWT_SECRET"];
        if (string.IsNullOrEmpty(secret))
        {
            var file = Path.Combine(dataRoot, "jwt.secret");
            if (!File.Exists(file))
            {
                File.WriteAllText(file, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            secret = File.ReadAllText(file).Trim();
        }

        return builder.AddParameter("jwt-secret", secret, secret: true);
    }

    private static (IResourceBuilder<IResourceWithConnectionString>, IResourceBuilder<IResource>?) ContainerDatabase(IDistributedApplicationBuilder builder)
    {
        var database = builder.AddPostgres("postgres").WithDataVolume().AddDatabase("db", "qraspire");
        return (database, database);
    }

    private static (IResourceBuilder<IResourceWithConnectionString>, IResourceBuilder<IResource>?) ContainerRedis(IDistributedApplicationBuilder builder)
    {
        var redis = builder.AddRedis("redis").WithDataVolume().WithPersistence();
        return (redis, redis);
    }
}
