using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Writes test rows straight into the fixture's database (PostgreSQL or SQLite), unique per call.</summary>
internal sealed class TestCodes(InfrastructureFixture infrastructure)
{
    // One pool per database for the whole test run, like a service would keep.
    private static readonly ConcurrentDictionary<string, DatabaseConnections> Pools = new();

    private readonly DatabaseConnections _connections = Pools.GetOrAdd(infrastructure.DatabaseConnectionString, _ => new(DatabaseSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build())));

    private string? _ownerId;

    public static string NewCode(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 20)];

    /// <summary>Inserts a dynamic code and returns its short code (a fresh one unless given).</summary>
    public async Task<string> AddAsync(string destination, int redirectStatus = 302, int status = 0,
        DateTime? expiresAt = null, DateTime? deletedAt = null, string? shortCode = null, string? routing = null, string? domainId = null)
    {
        shortCode ??= NewCode();
        var owner = await OwnerAsync();
        var now = DateTime.UtcNow;
        await ExecuteAsync(
            "INSERT INTO qr_codes (id, workspace_id, name, kind, short_code, destination, redirect_status, status, expires_at, deleted_at, created_at, updated_at, version, routing, domain_id) " +
            "VALUES (@id, @owner, 'test', 1, @code, @destination, @redirect, @status, @expires, @deleted, @now, @now, 1, @routing, @domain)",
            ("id", "qr_" + Guid.NewGuid().ToString("N")[..20]), ("owner", owner), ("code", shortCode), ("destination", destination),
            ("redirect", redirectStatus), ("status", status), ("expires", Time(expiresAt)), ("deleted", Time(deletedAt)), ("now", Time(now)), ("routing", routing),
            ("domain", domainId));
        return shortCode;
    }

    /// <summary>Inserts a branded domain (verified unless told otherwise) and returns its id.</summary>
    public async Task<string> AddDomainAsync(string name, bool verified = true)
    {
        var id = "dom_" + Guid.NewGuid().ToString("N")[..20];
        var now = DateTime.UtcNow;
        await ExecuteAsync(
            "INSERT INTO domains (id, workspace_id, name, token, created_at, verified_at) VALUES (@id, @owner, @name, 'token', @now, @verified)",
            ("id", id), ("owner", await OwnerAsync()), ("name", name), ("now", Time(now)), ("verified", verified ? Time(now) : null));
        return id;
    }

    /// <summary>Changes the destination of <paramref name="shortCode"/> on one domain only.</summary>
    public Task UpdateOnDomainAsync(string domainId, string shortCode, string destination) =>
        ExecuteAsync("UPDATE qr_codes SET destination = @destination, version = version + 1 WHERE domain_id = @domain AND short_code = @code",
            ("destination", destination), ("domain", domainId), ("code", shortCode));

    public Task UpdateAsync(string shortCode, string? destination = null, int? status = null, DateTime? expiresAt = null, DateTime? deletedAt = null) =>
        ExecuteAsync(
            "UPDATE qr_codes SET destination = COALESCE(@destination, destination), status = COALESCE(@status, status), " +
            "expires_at = COALESCE(@expires, expires_at), deleted_at = COALESCE(@deleted, deleted_at), version = version + 1 WHERE short_code = @code",
            ("destination", destination), ("status", status), ("expires", Time(expiresAt)), ("deleted", Time(deletedAt)), ("code", shortCode));

    /// <summary>Sets (or with null removes) the password hash a code asks scanners for.</summary>
    public Task SetPasswordHashAsync(string shortCode, string? hash) =>
        ExecuteAsync("UPDATE qr_codes SET password_hash = @hash, version = version + 1 WHERE short_code = @code", ("hash", hash), ("code", shortCode));

    /// <summary>Replaces a code's routing JSON.</summary>
    public Task SetRoutingAsync(string shortCode, string? routing) =>
        ExecuteAsync("UPDATE qr_codes SET routing = @routing, version = version + 1 WHERE short_code = @code", ("routing", routing), ("code", shortCode));

    /// <summary>Adds scans as the Worker would have stored them for the current hour.</summary>
    public Task AddStoredScansAsync(string shortCode, long scans, bool isBot = false, bool isHead = false)
    {
        var now = DateTime.UtcNow;
        return ExecuteAsync(
            "INSERT INTO scan_hours (qr_code_id, hour, is_bot, is_head, scans, unique_scanners) " +
            "SELECT id, @hour, @bot, @head, @scans, 0 FROM qr_codes WHERE short_code = @code",
            ("hour", Time(new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc))), ("bot", isBot), ("head", isHead), ("scans", scans), ("code", shortCode));
    }

    /// <summary>Adds scans as the Worker would have stored them for the current hour with the routing that answered them.</summary>
    public Task AddStoredRouteScansAsync(string shortCode, short rule, long scans)
    {
        var now = DateTime.UtcNow;
        return ExecuteAsync(
            "INSERT INTO scan_route_hours (qr_code_id, hour, rule, variant, is_bot, is_head, scans, unique_scanners) " +
            "SELECT id, @hour, @rule, -1, @bot, @head, @scans, 0 FROM qr_codes WHERE short_code = @code",
            ("hour", Time(new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc))), ("rule", rule), ("bot", false), ("head", false), ("scans", scans), ("code", shortCode));
    }

    private async Task<string> OwnerAsync()
    {
        if (_ownerId is null)
        {
            var id = "usr_" + Guid.NewGuid().ToString("N")[..20];
            await ExecuteAsync("INSERT INTO accounts (id, email, normalized_email, password_hash, created_at) VALUES (@id, @email, @email, 'x', @now)",
                ("id", id), ("email", $"{id}@example.test"), ("now", Time(DateTime.UtcNow)));
            // Its personal workspace, as registration makes it: what the owner's codes and domains belong to.
            await ExecuteAsync("INSERT INTO workspaces (id, name, personal, created_at) VALUES (@id, 'Personal', @personal, @now)",
                ("id", id), ("personal", true), ("now", Time(DateTime.UtcNow)));
            _ownerId = id;
        }

        return _ownerId;
    }

    // EF keeps SQLite DateTimes as text in this shape; PostgreSQL takes a UTC DateTime.
    private object? Time(DateTime? value) => value is not { } time ? null
        : _connections.Settings.Provider == DatabaseProvider.Sqlite ? time.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture)
        : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null && connection is Npgsql.NpgsqlConnection)
            {
                // An untyped NULL in COALESCE(@x, column) needs a type on PostgreSQL.
                ((Npgsql.NpgsqlParameter)parameter).NpgsqlDbType = name is "status" or "redirect" ? NpgsqlTypes.NpgsqlDbType.Integer
                    : name is "expires" or "deleted" or "verified" ? NpgsqlTypes.NpgsqlDbType.TimestampTz : NpgsqlTypes.NpgsqlDbType.Varchar;
            }

            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
