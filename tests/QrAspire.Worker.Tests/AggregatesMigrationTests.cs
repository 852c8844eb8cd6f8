using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Npgsql;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests;

/// <summary>Upgrading a database that has combined rollups keeps every count (migration ScanAggregatesPerDimension).</summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AggregatesMigrationTests(InfrastructureFixture infrastructure)
{
    private const string Before = "ScanAnalytics"; // the migration before ScanAggregatesPerDimension (ids differ per provider)

    private QrAspireDbContext FreshDatabase()
    {
        var settings = DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build());
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "migration_" + Guid.NewGuid().ToString("N")[..12] };
            return new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>()
                .UseNpgsql(connection.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        }

        var file = Path.Combine(Path.GetTempPath(), $"qraspire-migration-{Guid.NewGuid():N}.db");
        return new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
    }

    [Fact]
    public async Task CombinedRollupsAndVisitorsMoveIntoTheNewAggregates()
    {
        await using var db = FreshDatabase();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        try
        {
            var h1 = new DateTime(2026, 3, 28, 20, 0, 0, DateTimeKind.Utc);
            var h2 = new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc);
            const string Rollup = "INSERT INTO scan_rollups (qr_code_id, hour, country, region, city, device_type, os, browser, referrer_host, is_bot, is_head, scans) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11})";
            await db.Database.ExecuteSqlRawAsync(Rollup, "qr_a", h1, "CH", "Zurich", "Zürich", "mobile", "iOS", "Safari 17", "", false, false, 3L);
            await db.Database.ExecuteSqlRawAsync(Rollup, "qr_a", h1, "DE", "unknown", "unknown", "desktop", "Windows", "Chrome 120", "t.co", false, false, 2L);
            await db.Database.ExecuteSqlRawAsync(Rollup, "qr_a", h2, "CH", "Zurich", "Zürich", "bot", "unknown", "WhatsApp", "", true, false, 1L);
            const string Visitor = "INSERT INTO scan_visitors (qr_code_id, day, visitor_hash, is_bot, first_hour) VALUES ({0}, {1}, {2}, {3}, {4})";
            await db.Database.ExecuteSqlRawAsync(Visitor, "qr_a", h1.Date, "a", false, h1);
            await db.Database.ExecuteSqlRawAsync(Visitor, "qr_a", h1.Date, "b", false, h1);
            await db.Database.ExecuteSqlRawAsync(Visitor, "qr_a", h2.Date, "c", true, h2);

            await migrator.MigrateAsync();

            var hours = await db.ScanHours.OrderBy(h => h.Hour).Select(h => new { h.Hour, h.IsBot, h.IsHead, h.Scans, h.UniqueScanners }).ToListAsync();
            Assert.Equal(new[] { new { Hour = h1, IsBot = false, IsHead = false, Scans = 5L, UniqueScanners = 2L }, new { Hour = h2, IsBot = true, IsHead = false, Scans = 1L, UniqueScanners = 1L } }, hours);
            var dimensionHours = await db.ScanDimensionHours.ToListAsync();
            Assert.Equal(3 * 7, dimensionHours.Count);
            Assert.Equal(3, dimensionHours.Single(d => d.Hour == h1 && d.Dimension == ScanDimension.Country && d.Value == "CH").Scans);
            Assert.Equal(2, dimensionHours.Single(d => d.Hour == h1 && d.Dimension == ScanDimension.Referrer && d.Value == "t.co").Scans);
            var days = await db.ScanDimensionDays.ToListAsync();
            Assert.Equal(3, days.Single(d => d.Day == h1.Date && d.Dimension == ScanDimension.Referrer && d.Value == "").Scans);
            Assert.Equal(1, days.Single(d => d.Day == h2.Date && d.Dimension == ScanDimension.City && d.Value == "Zürich" && d.IsBot).Scans);
            Assert.Equal(5, days.Where(d => d.Day == h1.Date && d.Dimension == ScanDimension.DeviceType).Sum(d => d.Scans));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
