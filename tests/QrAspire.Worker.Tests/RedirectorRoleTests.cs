using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QrAspire.Data;
using QrAspire.Migrator;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests;

/// <summary>The migrator's read-only role for the Redirector, on a fresh PostgreSQL database (local mode only).</summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RedirectorRoleTests(InfrastructureFixture infrastructure)
{
    private const string Password = "a-long-random-test-password-'quoted";
    private const string InsufficientPrivilege = "42501";
    private const string ReadOnlyTransaction = "25006";

    [SkippableFact]
    public async Task TheRedirectorRoleCanReadQrCodesAndCannotWriteOrReadAnythingElse()
    {
        var owner = OwnerConnectionString();
        var role = "qr_redirector_" + Guid.NewGuid().ToString("N")[..10];
        await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql(owner, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        await db.Database.MigrateAsync();
        try
        {
            var settings = new RedirectorRoleSettings(role, Password);
            await RedirectorRole.EnsureAsync(db, settings, NullLogger.Instance, CancellationToken.None);
            await RedirectorRole.EnsureAsync(db, settings, NullLogger.Instance, CancellationToken.None); // idempotent

            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = Password, Pooling = false }.ConnectionString);
            await connection.OpenAsync();

            Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM qr_codes"));
            Assert.Equal(ReadOnlyTransaction, await SqlStateOfAsync(connection, "INSERT INTO qr_code_tags (qr_code_id, tag) VALUES ('x', 'y')"));
            await ScalarAsync(connection, "SET default_transaction_read_only = off");
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "INSERT INTO qr_code_tags (qr_code_id, tag) VALUES ('x', 'y')"));
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "UPDATE qr_codes SET destination = 'https://evil.example'"));
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "SELECT COUNT(*) FROM accounts"));
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "SELECT COUNT(*) FROM api_keys"));
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "CREATE TABLE planted (id int)"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
            await DropRoleAsync(owner, role);
        }
    }

    [SkippableFact]
    public async Task ARightGrantedByHandIsTakenBackByTheNextRun()
    {
        var owner = OwnerConnectionString();
        var role = "qr_redirector_" + Guid.NewGuid().ToString("N")[..10];
        await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql(owner, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        await db.Database.MigrateAsync();
        try
        {
            var settings = new RedirectorRoleSettings(role, Password);
            await RedirectorRole.EnsureAsync(db, settings, NullLogger.Instance, CancellationToken.None);
            var grantByHand = "GRANT SELECT, INSERT ON accounts TO " + role; // role is a generated identifier
            await db.Database.ExecuteSqlRawAsync(grantByHand);

            await RedirectorRole.EnsureAsync(db, settings, NullLogger.Instance, CancellationToken.None);

            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = Password, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            Assert.Equal(InsufficientPrivilege, await SqlStateOfAsync(connection, "SELECT COUNT(*) FROM accounts"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
            await DropRoleAsync(owner, role);
        }
    }

    [Theory]
    [InlineData("short")]
    [InlineData("REPLACE_ME_WITH_A_RANDOM_PASSWORD")]
    public void APlaceholderOrShortPasswordStopsTheMigrator(string password)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("REDIRECTOR_DATABASE_PASSWORD", password)]).Build();

        var error = Assert.Throws<SettingsException>(() => RedirectorRoleSettings.From(configuration));

        Assert.Equal("REDIRECTOR_DATABASE_PASSWORD", error.Setting);
    }

    [Fact]
    public void ARoleNameThatIsNotAPlainIdentifierStopsTheMigrator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [new("REDIRECTOR_DATABASE_PASSWORD", Password), new("REDIRECTOR_DATABASE_ROLE", "x; DROP TABLE qr_codes")]).Build();

        var error = Assert.Throws<SettingsException>(() => RedirectorRoleSettings.From(configuration));

        Assert.Equal("REDIRECTOR_DATABASE_ROLE", error.Setting);
    }

    private string OwnerConnectionString()
    {
        var settings = DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build());
        Skip.If(settings.Provider != DatabaseProvider.PostgreSql, "database roles need PostgreSQL: run with QRASPIRE_TEST_MODE=local");
        // A database of its own, dropped afterwards: grants are per database, roles per server (hence unique names).
        return new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "role_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
    }

    // From the server's maintenance database: the test's own database is gone by now.
    private static async Task DropRoleAsync(string owner, string role)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ScalarAsync(connection, "DROP ROLE IF EXISTS " + role); // role is a generated identifier
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is long value ? value : 0L;
    }

    private static async Task<string?> SqlStateOfAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await ScalarAsync(connection, sql);
            return null;
        }
        catch (PostgresException error)
        {
            return error.SqlState;
        }
    }
}
