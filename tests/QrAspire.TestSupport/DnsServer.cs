using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QrAspire.TestSupport;

/// <summary>
/// A real DNS server on loopback: Debian's <c>dnsmasq</c> as a child process, authoritative for every name (unknown
/// names get NXDOMAIN, nothing is forwarded), answering the TXT, A and AAAA records a test sets. dnsmasq cannot reload TXT records,
/// so each change restarts it on the same port (a few milliseconds); callers change records from one test at a time.
/// Tests skip with <see cref="Unavailable"/> when dnsmasq is not installed.
/// </summary>
public sealed class DnsServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, List<string>> _txt = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, IPAddress Address)> _addresses = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _executable;
    private Process? _process;

    private DnsServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    /// <summary>Why no DNS server can start here, or null when dnsmasq is installed.</summary>
    public static string? Unavailable => Executable is null ? "dnsmasq is not installed (apt-get install dnsmasq)" : null;

    // Debian installs it in /usr/sbin, which is not on every user's PATH.
    private static string? Executable => ExecutablePath.Find("dnsmasq") ?? (File.Exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq" : null);

    /// <summary>The UDP/TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:{port}</c>, the form <c>DNS_SERVER</c> takes.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary>Starts dnsmasq with no records on a free port.</summary>
    public static async Task<DnsServer> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(Unavailable);
        var server = new DnsServer(executable, FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Adds a TXT record (a name may hold several).</summary>
    public Task AddTxtAsync(string name, string value) => ChangeAsync(() =>
    {
        if (!_txt.TryGetValue(name, out var values))
        {
            _txt[name] = values = [];
        }

        values.Add(value);
    });

    /// <summary>Adds an A or AAAA record (a name may hold several).</summary>
    public Task AddAddressAsync(string name, IPAddress address) => ChangeAsync(() => _addresses.Add((name, address)));

    /// <summary>Removes every TXT record of <paramref name="name"/>.</summary>
    public Task RemoveTxtAsync(string name) => ChangeAsync(() => _txt.Remove(name));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }

    private async Task ChangeAsync(Action change)
    {
        await _gate.WaitAsync();
        try
        {
            change();
            await StopAsync();
            await RestartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RestartAsync()
    {
        var info = new ProcessStartInfo(_executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--conf-file=/dev/null", "--no-daemon", "--log-facility=-", "--pid-file=", $"--port={Port}", "--listen-address=127.0.0.1",
                     "--bind-interfaces", "--no-resolv", "--no-hosts", "--local=/#/",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, values) in _txt)
        {
            foreach (var value in values)
            {
                info.ArgumentList.Add($"--txt-record={name},{value}");
            }
        }

        foreach (var (name, address) in _addresses)
        {
            info.ArgumentList.Add($"--host-record={name},{address}");
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                started.TrySetException(new InvalidOperationException("dnsmasq exited: " + string.Join('\n', log)));
                return;
            }

            lock (log)
            {
                log.Add(e.Data);
            }

            // Logged once its sockets are bound.
            if (e.Data.Contains("started, version", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await started.Task.WaitAsync(StartTimeout);
    }

    private async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.LocalEndPoint!).Port;
    }
}
