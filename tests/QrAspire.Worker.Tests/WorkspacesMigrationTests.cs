using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Npgsql;
using QrAspire.Data;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests;

/// <summary>
/// Upgrading a database with accounts, codes and keys gives every account its personal workspace (with the account's
/// id) as owner, and its rows stay its own under workspace_id (migration Workspaces). SQLite always; PostgreSQL when
/// the run has one (QRASPIRE_TEST_MODE=local).
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class WorkspacesMigrationTests(InfrastructureFixture infrastructure)
{
    private const string Before = "Webhooks"; // the migration before Workspaces (ids differ per provider)

    [Fact]
    public Task AccountsGetTheirPersonalWorkspaceOnSqlite() => UpgradeKeepsRowsInThePersonalWorkspaceAsync(Sqlite());

    [SkippableFact]
    public Task AccountsGetTheirPersonalWorkspaceOnPostgreSql()
    {
        var settings = DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build());
        Skip.If(settings.Provider != DatabaseProvider.PostgreSql, "this run has no PostgreSQL (QRASPIRE_TEST_MODE=local provides one)");
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "migration_" + Guid.NewGuid().ToString("N")[..12] };
        return UpgradeKeepsRowsInThePersonalWorkspaceAsync(new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql(connection.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options));
    }

    private static SqliteDbContext Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"qraspire-migration-{Guid.NewGuid():N}.db");
        return new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
    }

    private static async Task UpgradeKeepsRowsInThePersonalWorkspaceAsync(QrAspireDbContext db)
    {
        await using var _ = db;
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        try
        {
            var created = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO accounts (id, email, normalized_email, password_hash, created_at) VALUES ({0}, {1}, {1}, 'x', {2})", "usr_old", "old@example.com", created);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO qr_codes (id, owner_id, name, kind, short_code, destination, redirect_status, status, created_at, updated_at, version) "
                + "VALUES ({0}, {1}, 'old code', 1, {2}, 'https://example.com/', 302, 0, {3}, {3}, 1)", "qr_old", "usr_old", "oldcode", created);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO api_keys (id, account_id, name, prefix, key_hash, scopes, created_at) VALUES ({0}, {1}, 'old key', 'qrk_old', {2}, 'codes:read', {3})",
                "key_old", "usr_old", new string('a', 64), created);

            await migrator.MigrateAsync();

            var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == "usr_old");
            Assert.True(workspace.Personal);
            Assert.Equal("Personal", workspace.Name);
            var member = await db.WorkspaceMembers.AsNoTracking().SingleAsync(m => m.WorkspaceId == "usr_old");
            Assert.Equal(("usr_old", "owner"), (member.AccountId, member.Role));
            Assert.Equal("usr_old", (await db.QrCodes.AsNoTracking().SingleAsync(c => c.Id == "qr_old")).WorkspaceId);
            var key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == "key_old");
            Assert.Equal(("usr_old", "usr_old"), (key.WorkspaceId, key.CreatedBy));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
