using System.Globalization;
using System.Net.Http.Json;
using QrAspire.LoadTests.Scenarios;

namespace QrAspire.FaultTests;

/// <summary>
/// The system scripts/fault-tests.sh started in its production shape (loadtests/system.sh), named by
/// <c>QRASPIRE_FAULT_API</c> and <c>QRASPIRE_FAULT_REDIRECTOR</c> (the proxies' URLs) and <c>QRASPIRE_FAULT_WORK</c>
/// (the run's data folder, which every one of its processes carries in its environment). Finds its processes,
/// seeds accounts and codes through the Api, and reads scan counts from the Api's analytics.
/// </summary>
public sealed class ProductionSystem : IDisposable
{
    public ProductionSystem()
    {
        var api = System.Environment.GetEnvironmentVariable("QRASPIRE_FAULT_API");
        var redirector = System.Environment.GetEnvironmentVariable("QRASPIRE_FAULT_REDIRECTOR");
        Work = System.Environment.GetEnvironmentVariable("QRASPIRE_FAULT_WORK") ?? "";
        Available = api is { Length: > 0 } && redirector is { Length: > 0 } && Directory.Exists(Work);
        Api = new Uri(Available ? api!.TrimEnd('/') + "/" : "http://127.0.0.1/");
        Redirector = new Uri(Available ? redirector!.TrimEnd('/') + "/" : "http://127.0.0.1/");
        Http = LoadHttpClient.Create(LoadHttpClient.NewHandler(256));
        Http.Timeout = TimeSpan.FromSeconds(30);
    }

    public const string NotStarted = "runs against the system scripts/fault-tests.sh starts (QRASPIRE_FAULT_API, QRASPIRE_FAULT_REDIRECTOR, QRASPIRE_FAULT_WORK)";

    public bool Available { get; }

    public Uri Api { get; }

    public Uri Redirector { get; }

    public string Work { get; }

    /// <summary>One client for everything: redirects are answers, not something to follow.</summary>
    public HttpClient Http { get; }

    /// <summary>Processes the tests started (restarted services), for scripts/fault-tests.sh to stop after the run.</summary>
    public string Registry => Path.Combine(Work, "fault-processes");

    public string Log(string name) => Path.Combine(Work, $"restarted-{name}.log");

    /// <summary>An account with a verified address, an API key and <paramref name="codes"/> dynamic codes to https://example.com/load.</summary>
    public Task<SeedData> SeedAsync(int codes) =>
        new ApiSeeder(Http, Api, TextWriter.Null, Path.Combine(Work, "mail")).SeedAsync(codes, 0, CancellationToken.None);

    /// <summary>The running processes of a service binary (<c>QrAspire.Redirector</c>, …) of this system, by process id.</summary>
    public IReadOnlyList<ServiceProcess> Processes(string binary)
    {
        List<ServiceProcess> found = [];
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !ServiceProcess.IsRunning(pid))
            {
                continue;
            }

            try
            {
                var command = File.ReadAllText($"{folder}/cmdline").Split('\0')[0];
                if (command.EndsWith("/" + binary, StringComparison.Ordinal) && File.ReadAllText($"{folder}/environ").Contains(Work, StringComparison.Ordinal))
                {
                    found.Add(ServiceProcess.Read(pid));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return [.. found.OrderBy(p => p.Pid)];
    }

    /// <summary>The PostgreSQL server (postmaster) of this system.</summary>
    public ServiceProcess Postgres() =>
        ServiceProcess.Read(int.Parse(File.ReadLines(Path.Combine(Work, "local", "postgres", "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture));

    /// <summary>
    /// The Redis server of this system (started in <c>{work}/local/redis</c>), with the arguments the AppHost starts it
    /// with (AppHost/Infrastructure/LocalServers.cs): redis-server replaces its command line with its title.
    /// </summary>
    public ServiceProcess Redis()
    {
        var folder = Path.Combine(Work, "local", "redis");
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !ServiceProcess.IsRunning(pid))
            {
                continue;
            }

            try
            {
                // By its name, not its binary: Debian's redis-server is a link to redis-check-rdb, which acts by the name it is run as.
                if (File.ReadAllText($"{proc}/comm").Trim() == "redis-server" && new DirectoryInfo($"{proc}/cwd").ResolveLinkTarget(true)?.FullName == folder)
                {
                    var redis = ServiceProcess.Read(pid);
                    var port = redis.Ports.Single().ToString(CultureInfo.InvariantCulture);
                    var binary = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => Path.Combine(p, "redis-server")).First(File.Exists);
                    return redis.WithArguments([binary, "--bind", "127.0.0.1", "--port", port, "--dir", folder, "--appendonly", "yes",
                        "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes"]);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        throw new InvalidOperationException($"no redis-server runs in {folder}");
    }

    /// <summary>Waits until <c>/alive</c> answers 200 on one of <paramref name="ports"/> (a restarted service is up).</summary>
    public async Task WaitAliveAsync(IEnumerable<int> ports, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var port in ports)
            {
                try
                {
                    using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/alive"));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"not within {within.TotalSeconds:0} s: {what}");
    }

    /// <summary>All scans of a code (bots and link checkers included) counted by the analytics for today ± a day.</summary>
    public async Task<long> ScansAsync(string apiKey, string qrId)
    {
        var from = DateTime.UtcNow.Date.AddDays(-1);
        var to = DateTime.UtcNow.Date.AddDays(2);
        var query = string.Create(CultureInfo.InvariantCulture, $"?from={from:yyyy-MM-ddT00:00:00Z}&to={to:yyyy-MM-ddT00:00:00Z}&interval=day&includeBots=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiSeeder.At(Api, ApiRoutes.QrCodeAnalytics, qrId) + query));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("totals").GetProperty("scans").GetInt64();
    }

    /// <summary>Sends an Api request with the API key; the caller disposes the answer.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, string apiKey, string? id = null, object? body = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, ApiSeeder.At(Api, route, id));
        request.Headers.Add("X-Api-Key", apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ContractsJson.Options);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Peak resident memory (VmHWM) of every Api, Redirector and Worker process now running, against its container's
    /// limit (which the production shape gives it as <c>DOTNET_GCTotalPhysicalMemory</c>), e.g. "Api 212/512 MiB".
    /// </summary>
    public string PeakMemory()
    {
        List<string> lines = [];
        foreach (var service in new[] { "Api", "Redirector", "Worker" })
        {
            foreach (var process in Processes("QrAspire." + service))
            {
                var peak = File.ReadLines($"/proc/{process.Pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                var memory = process.Variable("DOTNET_GCTotalPhysicalMemory");
                var limit = memory is { Length: > 2 } ? long.Parse(memory[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) / (1024 * 1024) : 0;
                lines.Add($"{service} {long.Parse(peak ?? "0", CultureInfo.InvariantCulture) / 1024}/{limit} MiB");
            }
        }

        return string.Join(", ", lines);
    }

    public void Dispose() => Http.Dispose();
}
