using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace QrAspire.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and Redis from this machine's binaries, started as executables with their data under
/// <c>{data}/local</c> and listening on 127.0.0.1 only. PostgreSQL refuses to run as root, so as root it runs as
/// the <c>postgres</c> user (through <c>setpriv</c>, which execs: signals reach the server itself).
/// </summary>
internal static class LocalServers
{
    public static (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server) AddPostgres(
        IDistributedApplicationBuilder builder, LocalServerBinaries binaries, string dataRoot)
    {
        var folder = Path.Combine(dataRoot, "local", "postgres");
        var password = PrepareCluster(binaries, folder);
        var port = FreePort.Next();
        var dataDirectory = Path.Combine(folder, "data");

        var (command, prefix) = RunAsPostgres(binaries.Postgres);
        var server = builder.AddExecutable("postgres", command, folder, [.. prefix,
                "-D", dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"])
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck("postgres-ready");

        builder.Services.AddHealthChecks().AddAsyncCheck("postgres-ready", async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Timeout=3");
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(exception.Message);
            }
        });

        var secret = builder.AddParameter("postgres-password", password, secret: true);
        var database = builder.AddConnectionString("db",
            ReferenceExpression.Create($"Host=127.0.0.1;Port={port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres;Password={secret};Database=qraspire"));
        return (database, server);
    }

    public static (IResourceBuilder<IResourceWithConnectionString> Redis, IResourceBuilder<IResource> Server) AddRedis(
        IDistributedApplicationBuilder builder, LocalServerBinaries binaries, string dataRoot)
    {
        var folder = Path.Combine(dataRoot, "local", "redis");
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Append-only file, fsync every second: queued scan events survive a restart of the server.
        var server = builder.AddExecutable("redis-server", binaries.RedisServer, folder,
                "--bind", "127.0.0.1", "--port", portText, "--dir", folder, "--appendonly", "yes",
                "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes")
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck("redis-server-ready");
        builder.Services.AddHealthChecks().AddAsyncCheck("redis-server-ready", cancellationToken => RedisPing.CheckAsync(port, cancellationToken));

        var redis = builder.AddConnectionString("redis", ReferenceExpression.Create($"127.0.0.1:{portText}"));
        return (redis, server);
    }

    // initdb once per data folder; the password is kept beside the cluster (readable by root/the owner only).
    private static string PrepareCluster(LocalServerBinaries binaries, string folder)
    {
        var passwordFile = Path.Combine(Path.GetDirectoryName(folder)!, "postgres.password");
        var dataDirectory = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")) && File.Exists(passwordFile))
        {
            return File.ReadAllText(passwordFile).Trim();
        }

        Directory.CreateDirectory(folder);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        File.WriteAllText(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var initdbPasswordFile = Path.Combine(folder, "initdb.pw");
        File.WriteAllText(initdbPasswordFile, password);
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                Run("chown", "-R", "postgres:postgres", folder);
            }

            var (command, prefix) = RunAsPostgres(binaries.Initdb);
            Run(command, [.. prefix, "-D", dataDirectory, "-U", "postgres", $"--pwfile={initdbPasswordFile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"]);
        }
        finally
        {
            File.Delete(initdbPasswordFile);
        }

        return password;
    }

    private static (string Command, string[] Prefix) RunAsPostgres(string binary) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", binary])
            : (binary, []);

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);

    private static void Run(string command, params string[] arguments)
    {
        if (ChildProcess.Run(command, arguments, SetupTimeout) is { } failure)
        {
            throw new InfrastructureSettingException(failure);
        }
    }
}
