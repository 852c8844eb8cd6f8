using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Platform.Tests;

/// <summary>Against the real database and Redis of the mode under test (QRASPIRE_TEST_MODE).</summary>
[Collection(InfrastructureCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ConnectionsTests(InfrastructureFixture infrastructure)
{
    private IConfiguration Configuration => new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build();

    [Fact]
    public async Task DatabaseConnectionsReachTheMigratedSchema()
    {
        await using var connections = new DatabaseConnections(DatabaseSettings.From(Configuration));
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM qr_codes";

        var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(count >= 0);
        Assert.Equal(infrastructure.Mode == "local" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, connections.Settings.Provider);
    }

    [Fact]
    public async Task DatabaseHealthCheckIsHealthyAndNamesTheDatabaseWithoutItsPassword()
    {
        await using var connections = new DatabaseConnections(DatabaseSettings.From(Configuration));

        var result = await new DatabaseHealthCheck(connections).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.DoesNotContain("Password", result.Description ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DatabaseHealthCheckIsUnhealthyWhenTheDatabaseIsUnreachable()
    {
        var unreachable = infrastructure.Mode == "local"
            ? "postgresql://postgres:x@127.0.0.1:1/qraspire?connect_timeout=2"
            : "sqlite:///nonexistent-folder-for-qraspire/never/qr.db";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("DATABASE_URL", unreachable)]).Build();
        await using var connections = new DatabaseConnections(DatabaseSettings.From(configuration));

        var result = await new DatabaseHealthCheck(connections).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task RedisHealthCheckPingsTheRealServer()
    {
        var settings = RedisSettings.From(Configuration);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(settings.Options);
        var key = $"test:{Guid.NewGuid():N}";
        await redis.GetDatabase().StringSetAsync(key, "1", TimeSpan.FromMinutes(1));

        var result = await new RedisHealthCheck(redis, settings).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("1", (string?)await redis.GetDatabase().StringGetAsync(key));
    }
}
