using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QrAspire.TestSupport;

/// <summary>
/// A real three-master Redis Cluster on loopback (<c>redis-server --cluster-enabled yes</c>, joined with
/// <c>redis-cli --cluster create</c>), no persistence, in a fresh folder. Use it as a class fixture; tests skip with
/// the reason in <see cref="Unavailable"/> when Debian's redis-server or redis-cli is missing.
/// </summary>
public sealed class RedisCluster : IAsyncLifetime
{
    private const int Masters = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<Process> _servers = [];
    private string _folder = "";

    /// <summary>Why the cluster could not start here, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>StackExchange.Redis connection string naming every master (the client discovers the slots itself).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (ExecutablePath.Find("redis-server") is null || ExecutablePath.Find("redis-cli") is null)
        {
            Unavailable = "redis-server and redis-cli are not installed (apt-get install redis-server)";
            return;
        }

        _folder = TestFolders.New("redis-cluster");
        var ports = FreePorts();
        using var cancellation = new CancellationTokenSource(StartTimeout);
        foreach (var port in ports)
        {
            _servers.Add(Start("redis-server",
                $"--port {port} --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes-{port}.conf " +
                $"--cluster-node-timeout 5000 --save \"\" --appendonly no --dir {_folder} --logfile {_folder}/redis-{port}.log"));
        }

        foreach (var port in ports)
        {
            await Eventually.TrueAsync(() => Task.FromResult(Cli(port, "ping").Trim() == "PONG"), StartTimeout, $"redis-server on {port} answers");
        }

        var create = Cli(ports[0], $"--cluster create {string.Join(' ', ports.Select(p => $"127.0.0.1:{p}"))} --cluster-replicas 0 --cluster-yes");
        if (!create.Contains("All 16384 slots covered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("redis-cli --cluster create failed: " + create);
        }

        foreach (var port in ports)
        {
            await Eventually.TrueAsync(() => Task.FromResult(Cli(port, "cluster info").Contains("cluster_state:ok", StringComparison.Ordinal)),
                StartTimeout, $"cluster state ok on {port}");
        }

        ConnectionString = string.Join(',', ports.Select(p => $"127.0.0.1:{p}"));
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            try
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            server.Dispose();
        }

        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    // Each master also listens on its port + 10,000 (the cluster bus): both must be free.
    private static int[] FreePorts()
    {
        var ports = new List<int>();
        while (ports.Count < Masters)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (port + 10_000 <= IPEndPoint.MaxPort && !ports.Contains(port) && IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Process Start(string file, string arguments) =>
        Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })
        ?? throw new InvalidOperationException($"{file} did not start");

    private static string Cli(int port, string arguments)
    {
        using var cli = Start("redis-cli", $"-h 127.0.0.1 -p {port} {arguments}");
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        cli.WaitForExit(30_000);
        return output.Result + errors.Result;
    }
}
