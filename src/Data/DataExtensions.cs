using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Platform.Database;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Data;

/// <summary>Registers <see cref="QrAspireDbContext"/> for the configured provider.</summary>
public static class DataExtensions
{
    /// <summary>
    /// Registers <see cref="QrAspireDbContext"/> backed by PostgreSQL or SQLite, as <c>DATABASE_URL</c> /
    /// <c>ConnectionStrings:db</c> says. A bad value throws <see cref="SettingsException"/> now.
    /// </summary>
    public static TBuilder AddQrAspireDbContext<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = DatabaseSettings.From(builder.Configuration);
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddDbContextPool<QrAspireDbContext, PostgresDbContext>(options => options.UsePostgres(settings.ConnectionString));
            // The Aspire client integration adds Npgsql's command spans (when traces are exported) and its metrics;
            // the connection string stays ours (DATABASE_URL), registered above.
            builder.EnrichNpgsqlDbContext<PostgresDbContext>(aspire =>
            {
                // The integration's check is named after the context and untagged; /health keeps its "database"
                // entry (DatabaseHealthCheck), which names the server and the error.
                aspire.DisableHealthChecks = true;
                aspire.DisableTracing = !TelemetryExtensions.ExportsTraces(builder.Configuration);
                // No retrying execution strategy (docs/architecture.md, "Client integrations"): a lost database is
                // answered 503 with Retry-After at once instead of holding each request through retries, and a
                // retried SaveChanges whose commit did commit would insert twice.
                aspire.DisableRetry = true;
            });
        }
        else
        {
            builder.Services.AddDbContextPool<QrAspireDbContext, SqliteDbContext>(options => options.UseSqliteFile(settings.ConnectionString));
        }

        return builder;
    }

    internal static DbContextOptionsBuilder UsePostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(Schema.MigrationsHistory));

    internal static DbContextOptionsBuilder UseSqliteFile(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(Schema.MigrationsHistory));
}
