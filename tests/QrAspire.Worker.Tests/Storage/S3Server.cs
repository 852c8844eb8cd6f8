using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests.Storage;

/// <summary>
/// An S3-protocol server (s3rver, from npm) on loopback with one bucket. Its pinned package is installed with
/// <c>npm ci</c> beside this file when missing; without node and npm the S3 tests are skipped.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "test-bucket";
    private Process? _process;

    /// <summary>Why the server could not start, when it did not.</summary>
    public string? Unavailable { get; private set; }

    public string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = PackageFolder();
        if (folder is null || ExecutablePath.Find("node") is null || ExecutablePath.Find("npm") is null)
        {
            Unavailable = "node and npm are needed to run s3rver (apt-get install nodejs npm)";
            return;
        }

        var server = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(server))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = folder })!;
            await npm.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            if (npm.ExitCode != 0 || !File.Exists(server))
            {
                Unavailable = $"npm ci in {folder} failed (exit code {npm.ExitCode})";
                return;
            }
        }

        var port = FreePort();
        var data = TestFolders.New("s3rver");
        _process = Process.Start(new ProcessStartInfo("node", $"\"{server}\" -d \"{data}\" -a 127.0.0.1 -p {port} -s --configure-bucket {Bucket}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ServiceUrl = $"http://127.0.0.1:{port}";
        await Eventually.TrueAsync(() => Task.FromResult(Accepts(port)), TimeSpan.FromSeconds(30), "s3rver listening", poll: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>s3rver's one account: the access key id it knows, and its secret.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>A client as the services configure one for an S3-compatible endpoint (s3rver's fixed keys unless given).</summary>
    public T Client<T>(Func<AWSCredentials, AmazonS3Config, T> create, string accessKey = AccessKey) => create(new BasicAWSCredentials(accessKey, AccessKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static string? PackageFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "QrAspire.Worker.Tests", "Storage", "s3rver");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
