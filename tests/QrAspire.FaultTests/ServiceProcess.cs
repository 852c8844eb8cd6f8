using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace QrAspire.FaultTests;

/// <summary>
/// One running process of the system as the kernel describes it (<c>/proc/PID</c>): command line, environment,
/// working directory, user and the TCP ports it listens on — enough to kill it and start the same binary again the
/// same way. The AppHost's orchestrator does not restart an executable that died, so a test that kills one restarts
/// it itself, as a supervisor (Kubernetes, systemd) would in production.
/// </summary>
public sealed partial class ServiceProcess
{
    private const int SigInt = 2, SigKill = 9, SigTerm = 15;

    private ServiceProcess(int pid, string[] arguments, string[] environment, string workingDirectory, int uid, int gid, int[] ports)
    {
        Pid = pid;
        Arguments = arguments;
        Environment = environment;
        WorkingDirectory = workingDirectory;
        Uid = uid;
        Gid = gid;
        Ports = ports;
    }

    public int Pid { get; }

    /// <summary>The same process image with other arguments (for a server that rewrites its command line as its title).</summary>
    public ServiceProcess WithArguments(string[] arguments) => new(Pid, arguments, Environment, WorkingDirectory, Uid, Gid, Ports);

    /// <summary>SIGTERM (a clean stop) and waits for the exit.</summary>
    public Task TerminateAsync() => SignalAndWaitAsync(SigTerm, TimeSpan.FromSeconds(30));

    public string[] Arguments { get; }

    /// <summary>NAME=value entries, as the process was started with them.</summary>
    public string[] Environment { get; }

    public string WorkingDirectory { get; }

    public int Uid { get; }

    public int Gid { get; }

    /// <summary>The TCP ports the process listened on when it was read.</summary>
    public int[] Ports { get; }

    /// <summary>Reads a process's image from <c>/proc</c>.</summary>
    public static ServiceProcess Read(int pid)
    {
        var proc = $"/proc/{pid}";
        var arguments = File.ReadAllText($"{proc}/cmdline").TrimEnd('\0').Split('\0');
        var environment = File.ReadAllText($"{proc}/environ").TrimEnd('\0').Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var workingDirectory = new DirectoryInfo($"{proc}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/";
        var status = File.ReadAllLines($"{proc}/status");
        int Id(string field) => int.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new ServiceProcess(pid, arguments, environment, workingDirectory, Id("Uid:"), Id("Gid:"), ListeningPorts(pid));
    }

    /// <summary>The value of an environment variable the process was started with, or null.</summary>
    public string? Variable(string name) =>
        Environment.FirstOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    /// <summary>True while the process runs (a zombie waiting for its parent counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, nothing is flushed.</summary>
    public Task KillAsync() => SignalAndWaitAsync(SigKill, TimeSpan.FromSeconds(10));

    /// <summary>SIGINT (PostgreSQL's fast shutdown: it ends its sessions and exits cleanly) and waits for the exit.</summary>
    public Task InterruptAsync() => SignalAndWaitAsync(SigInt, TimeSpan.FromSeconds(30));

    private async Task SignalAndWaitAsync(int signal, TimeSpan within)
    {
        if (Kill(Pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var clock = Stopwatch.StartNew();
        while (IsRunning(Pid))
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"process {Pid} ({Path.GetFileName(Arguments[0])}) still runs {within.TotalSeconds:0} s after signal {signal}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Starts the same binary again with the same arguments, environment, working directory and user; its output
    /// goes to <paramref name="log"/>. The new process id is appended to <paramref name="registry"/> (with the
    /// signal that stops it cleanly), so that scripts/fault-tests.sh stops it after the run.
    /// </summary>
    public int StartAgain(string log, string registry, bool stopsWithInterrupt = false)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = WorkingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        // exec: the binary takes the shell's process id, so the id we record is the server's own.
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(log);
        if (Uid != GetUid())
        {
            // PostgreSQL refuses to run as root: as the AppHost does, start it as its own user (setpriv execs).
            foreach (var argument in new[] { "setpriv", $"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var entry in Environment)
        {
            var split = entry.IndexOf('=', StringComparison.Ordinal);
            if (split > 0)
            {
                start.Environment[entry[..split]] = entry[(split + 1)..];
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Arguments[0]}");
        File.AppendAllText(registry, string.Create(CultureInfo.InvariantCulture, $"{process.Id} {(stopsWithInterrupt ? "INT" : "TERM")}\n"));
        return process.Id;
    }

    /// <summary>TCP ports <paramref name="pid"/> listens on (its sockets' inodes matched against /proc/net/tcp{,6}).</summary>
    private static int[] ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target[8..^1]);
            }
        }

        var ports = new SortedSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // st 0A = LISTEN; field 1 is address:port in hex; field 9 the inode.
                if (fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
                {
                    ports.Add(int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return [.. ports];
    }

    private static int GetUid() => (int)GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
