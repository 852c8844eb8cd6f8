using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QrAspire.SystemTests;

/// <summary>
/// <c>--health-check URL</c> (the Dockerfile's HEALTHCHECK, no curl in the images): the built service answers 0 when
/// the URL answers 2xx and 1 otherwise, with one line of output, without starting the service (no settings needed).
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Tier", "System")]
public sealed class HealthCheckCommandTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "Api", "QrAspire.Api" },
        { "Worker", "QrAspire.Worker" },
        { "Redirector", "QrAspire.Redirector" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task ClosedPortIsUnhealthyWithOneLine(string folder, string assembly)
    {
        var result = await RunServiceAsync(folder, assembly, "--health-check", "http://127.0.0.1:1/alive");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.StartsWith("health-check: unhealthy: http://127.0.0.1:1/alive", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task ServerAnswering200IsHealthy(string folder, string assembly)
    {
        await using var server = await TinyServer.StartAsync(HttpStatusCode.OK);

        var result = await RunServiceAsync(folder, assembly, "--health-check", server.Url + "/alive");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.Equal($"health-check: healthy: {server.Url}/alive answered 200", line);
        Assert.Equal("GET /alive HTTP/1.1", server.RequestLine);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Found)]
    public async Task NonSuccessAnswerIsUnhealthy(HttpStatusCode status)
    {
        await using var server = await TinyServer.StartAsync(status);

        var result = await RunServiceAsync("Api", "QrAspire.Api", "--health-check", server.Url + "/alive");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.EndsWith($"answered {(int)status}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentServerTimesOutWithinAFewSeconds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts the connection (backlog) and never answers
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/alive";
        var stopwatch = Stopwatch.StartNew();

        var result = await RunServiceAsync("Worker", "QrAspire.Worker", "--health-check", url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not answer within 3 s", Assert.Single(result.Lines), StringComparison.Ordinal);
        // Not before its 3 s timeout (less a timer's slack); how much later depends on the machine, so it is not bounded.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2.5), $"gave up after {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task NativeAotRedirectorAnswersTheHealthCheck()
    {
        var binary = TestEnvironment.RequireRedirectorBinary();

        await using var server = await TinyServer.StartAsync(HttpStatusCode.OK);
        var healthy = await RunAsync(binary, ["--health-check", server.Url + "/alive"]);
        var unhealthy = await RunAsync(binary, ["--health-check", "http://127.0.0.1:1/alive"]);

        Assert.Equal((0, 1), (healthy.ExitCode, unhealthy.ExitCode));
        Assert.Single(healthy.Lines);
        Assert.Single(unhealthy.Lines);
    }

    private static Task<ProcessResult> RunServiceAsync(string folder, string assembly, params string[] arguments)
    {
        var dll = TestEnvironment.ServiceAssembly(folder, assembly);
        Assert.True(File.Exists(dll), $"{dll} is built");
        return RunAsync("dotnet", [dll, .. arguments]);
    }

    private static async Task<ProcessResult> RunAsync(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };

        // No settings at all: the check must not need them (a container's environment is not the point here).
        foreach (var name in new[] { "DATABASE_URL", "REDIS_URL", "ConnectionStrings__db", "ConnectionStrings__redis", "JWT_SECRET", "REDIRECT_BASE_URL" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments.Prepend(command))} did not finish within 60 s");
        }

        var text = await output + await error;
        return new ProcessResult(process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private sealed record ProcessResult(int ExitCode, string[] Lines);

    /// <summary>An HTTP/1.1 server on a free loopback port that answers every request with one status and no body.</summary>
    private sealed class TinyServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;
        private readonly CancellationTokenSource _stop = new();

        private TinyServer(TcpListener listener, HttpStatusCode status)
        {
            _listener = listener;
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            _serving = ServeAsync(status);
        }

        public string Url { get; }

        public string? RequestLine { get; private set; }

        public static Task<TinyServer> StartAsync(HttpStatusCode status)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new TinyServer(listener, status));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(HttpStatusCode status)
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                RequestLine ??= await reader.ReadLineAsync(_stop.Token);
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 })
                {
                }

                var response = $"HTTP/1.1 {(int)status} {status}\r\nContent-Length: 0\r\nConnection: close\r\n";
                if (status == HttpStatusCode.Found)
                {
                    response += "Location: /elsewhere\r\n";
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(response + "\r\n"), _stop.Token);
            }
        }
    }
}
