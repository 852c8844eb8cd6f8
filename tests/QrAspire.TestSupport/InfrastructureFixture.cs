using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace QrAspire.TestSupport;

/// <summary>
/// Real infrastructure for service-tier tests: the AppHost with <c>Infrastructure:Only=true</c> in the mode named by
/// <c>QRASPIRE_TEST_MODE</c> (<c>embedded</c> by default, <c>local</c> for PostgreSQL + Redis), in a fresh data
/// folder, with the migration step finished. Use it as a collection fixture; hand <see cref="Settings"/> to the
/// service under test.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private DistributedApplication? _app;

    /// <summary><c>embedded</c> or <c>local</c>.</summary>
    public string Mode { get; } = Environment.GetEnvironmentVariable("QRASPIRE_TEST_MODE") is { Length: > 0 } mode ? mode : "embedded";

    /// <summary>The migrated database's connection string (SQLite or PostgreSQL).</summary>
    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>The Redis (or Garnet) connection string, StackExchange.Redis syntax.</summary>
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>A fresh folder for blobs.</summary>
    public string BlobStoragePath { get; private set; } = "";

    /// <summary>The settings a service under test needs, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:db"] = DatabaseConnectionString,
        ["ConnectionStrings:redis"] = RedisConnectionString,
        ["BLOB_STORAGE_PATH"] = BlobStoragePath,
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var data = TestFolders.New($"infra-{Mode}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.QrAspire_AppHost>(
            [$"--Infrastructure:Mode={Mode}", "--Infrastructure:Only=true", $"--Infrastructure:DataPath={data}"], cancellation.Token);
        _app = await builder.BuildAsync(cancellation.Token);
        await _app.StartAsync(cancellation.Token);

        var migrated = await _app.ResourceNotifications.WaitForResourceAsync("migrator",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellation.Token);
        if (migrated.Snapshot.ExitCode != 0)
        {
            throw new InvalidOperationException($"the migration step failed ({migrated.Snapshot.State?.Text}, exit code {migrated.Snapshot.ExitCode})");
        }

        DatabaseConnectionString = await _app.GetConnectionStringAsync("db", cancellation.Token)
            ?? throw new InvalidOperationException("no db connection string");
        RedisConnectionString = await _app.GetConnectionStringAsync("redis", cancellation.Token)
            ?? throw new InvalidOperationException("no redis connection string");
        foreach (var server in new[] { "postgres", "redis-server", "garnet" })
        {
            if (_app.Services.GetService(typeof(DistributedApplicationModel)) is DistributedApplicationModel model
                && model.Resources.Any(r => r.Name == server))
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(server, cancellation.Token);
            }
        }

        BlobStoragePath = Path.Combine(data, "blobs");
        Directory.CreateDirectory(BlobStoragePath);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
