using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using QrAspire.Platform.Settings;

namespace QrAspire.Platform.Connections;

/// <summary>
/// Opens connections to the configured database, PostgreSQL (pooled through a slim, AOT-safe data source)
/// or the embedded SQLite file, so that code above it needs no provider switch of its own.
/// </summary>
public sealed class DatabaseConnections : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>Creates the connection source for <paramref name="settings"/>.</summary>
    public DatabaseConnections(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            _postgres = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString).Build();
        }
    }

    /// <summary>The settings these connections were made from.</summary>
    public DatabaseSettings Settings { get; }

    /// <summary>The PostgreSQL data source, or null on SQLite.</summary>
    public NpgsqlDataSource? PostgresDataSource => _postgres;

    /// <summary>Opens a new connection; dispose it to return it to the pool.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(Settings.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Readers and the single writer work side by side in WAL mode; writers wait instead of failing on a lock.
        var pragma = connection.CreateCommand();
        await using var pragmaScope = pragma.ConfigureAwait(false);
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
