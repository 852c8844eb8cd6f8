using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using QrAspire.TestSupport;

namespace QrAspire.SystemTests;

/// <summary>
/// A Redirector as a real process — the published Native AOT binary when the run provides it (CI does), else the
/// JIT build — on a migrated SQLite file and a redis-server of its own, all on 127.0.0.1, so a test can stop Redis
/// or send SIGTERM.
/// </summary>
internal sealed class RedirectorProcess : IAsyncDisposable
{
    private readonly string _folder = TestEnvironment.NewDataFolder("redirector-process");
    private Process? _redirector;
    private Process? _redis;

    public int RedisPort { get; } = FreePort();

    public int HttpPort { get; } = FreePort();

    public string Database => Path.Combine(_folder, "qr.db");

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };

    public int ExitCode => _redirector!.ExitCode;

    public static async Task<RedirectorProcess> StartAsync()
    {
        var process = new RedirectorProcess();
        process.Http.BaseAddress = new Uri($"http://127.0.0.1:{process.HttpPort}");
        await process.MigrateAsync();
        await process.StartRedisAsync();
        process.StartRedirector();
        await process.WaitUntilAliveAsync();
        return process;
    }

    public async Task<string> AddCodeAsync(string destination)
    {
        var code = "s" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT OR IGNORE INTO accounts (id, email, normalized_email, password_hash, created_at) VALUES ('usr_sys', 'sys@example.test', 'sys@example.test', 'x', '2026-01-01 00:00:00');" +
            "INSERT INTO qr_codes (id, workspace_id, name, kind, short_code, destination, redirect_status, status, created_at, updated_at, version) " +
            "VALUES ($id, 'usr_sys', 'system test', 1, $code, $destination, 302, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)";
        command.Parameters.AddWithValue("$id", "qr_" + code);
        command.Parameters.AddWithValue("$code", code);
        command.Parameters.AddWithValue("$destination", destination);
        await command.ExecuteNonQueryAsync();
        return code;
    }

    public async Task StopRedisAsync()
    {
        await SignalAsync(_redis!, "TERM");
        await _redis!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task StartRedisAsync()
    {
        // Append-only, fsync on every write: what was queued before the stop is there after the start.
        _redis = Process.Start(new ProcessStartInfo("redis-server",
            ["--bind", "127.0.0.1", "--port", RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _folder,
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        return WaitForAsync(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, RedisPort);
            return true;
        }, "redis-server accepts connections");
    }

    /// <summary>Sends SIGTERM and waits for the Redirector to exit by itself.</summary>
    public async Task TerminateAsync(TimeSpan within)
    {
        await SignalAsync(_redirector!, "TERM");
        await _redirector!.WaitForExitAsync().WaitAsync(within);
    }

    /// <summary>Every scan event in the queue, read with redis-cli (one JSON object a line).</summary>
    public async Task<List<string>> QueuedScansAsync()
    {
        var start = new ProcessStartInfo("redis-cli", ["-h", "127.0.0.1", "-p", RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--raw", "LRANGE", "qraspire:scans:queue", "0", "-1"])
        {
            RedirectStandardOutput = true,
        };
        using var cli = Process.Start(start)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public static Task WaitForAsync(Func<Task<bool>> condition, string what, double seconds = 30) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(seconds), what,
            transient: exception => exception is HttpRequestException or SocketException or TaskCanceledException);

    private async Task MigrateAsync()
    {
        var migrator = new ProcessStartInfo("dotnet", [TestEnvironment.ServiceAssembly("Migrator", "QrAspire.Migrator")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        migrator.Environment["DATABASE_URL"] = $"sqlite://{Database}";
        using var process = Process.Start(migrator)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"migration failed: {await error}{await output}");
    }

    private void StartRedirector()
    {
        var start = TestEnvironment.RedirectorBinary is { } binary
            ? new ProcessStartInfo(binary)
            : new ProcessStartInfo("dotnet", [TestEnvironment.ServiceAssembly("Redirector", "QrAspire.Redirector")]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var name in new[] { "DATABASE_URL", "REDIS_URL", "ConnectionStrings__db", "ConnectionStrings__redis", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DATABASE_URL"] = $"sqlite://{Database}";
        start.Environment["REDIS_URL"] = $"redis://127.0.0.1:{RedisPort}";
        start.Environment["SCAN_SPILL_PATH"] = Path.Combine(_folder, "spill");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{HttpPort}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _redirector = Process.Start(start)!;
        _redirector.OutputDataReceived += (_, _) => { };
        _redirector.ErrorDataReceived += (_, _) => { };
        _redirector.BeginOutputReadLine();
        _redirector.BeginErrorReadLine();
    }

    private Task WaitUntilAliveAsync() => WaitForAsync(async () =>
    {
        using var response = await Http.GetAsync(new Uri("/alive", UriKind.Relative));
        return response.IsSuccessStatusCode;
    }, "the Redirector answers /alive");

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var process in new[] { _redirector, _redis })
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process?.Dispose();
        }
    }
}
