using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Web.Tests;

/// <summary>A throw-away <c>redis-server</c> on a free loopback port, without persistence; stopped on dispose.</summary>
internal sealed class LoopbackRedis : IAsyncDisposable
{
    private readonly Process _process;

    private LoopbackRedis(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>StackExchange.Redis syntax, what Aspire passes as <c>ConnectionStrings__redis</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<LoopbackRedis> StartAsync()
    {
        var server = ExecutablePath.Find("redis-server");
        Skip.If(server is null, "redis-server is not installed (apt-get install redis-server)");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(server!, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var redis = new LoopbackRedis(process, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
                await connection.GetDatabase().PingAsync();
                return redis;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50);
            }
        }

        await redis.DisposeAsync();
        throw new InvalidOperationException("redis-server did not answer within 5 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
