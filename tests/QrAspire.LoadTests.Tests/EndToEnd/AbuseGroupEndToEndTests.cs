using System.Net;
using QrAspire.LoadTests.Harness;
using QrAspire.LoadTests.Reports;
using QrAspire.LoadTests.Tests.Harness;

namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// A group run end to end on virtual clocks against an in-memory system: redirects, /health and anonymous renders at
/// the same time; a 503 with Retry-After is counted as refused, any other 5xx fails the run.
/// </summary>
public sealed class AbuseGroupEndToEndTests : IDisposable
{
    private static readonly Uri Api = new("http://127.0.0.1:5098/"), Management = new("http://127.0.0.1:5097/"), Redirector = new("http://127.0.0.1:5096/");
    private readonly string _work = Directory.CreateTempSubdirectory("qraspire-abuse-").FullName;

    [Fact]
    public async Task RendersRefusedWithRetryAfterPassAndAreCounted()
    {
        using var system = new FakeSystem(renderIndex => renderIndex % 2 == 0 ? Answer.Rendered : Answer.Busy);

        var (exitCode, output) = await RunAsync(system);

        Assert.Equal(LoadTestApp.Passed, exitCode);
        Assert.Contains("group abuse: redirect-hit at 50 req/s, health at 10 req/s, render-anonymous at 20 req/s, at the same time", output, StringComparison.Ordinal);
        // 2.5 s at 20 a second, half of them refused (warm-up included in what the server saw, not in the counts).
        Assert.Equal(50, system.Renders);
        Assert.True(system.Health > 0 && system.Redirects > 0);
        Assert.Matches(@"render-anonymous: 503 \+ Retry-After × 2\d", File.ReadAllText(Path.Combine(_work, "out", "summary.md")));
    }

    [Theory]
    [InlineData(Answer.Failed, "HTTP 500")]
    [InlineData(Answer.BusyWithoutRetryAfter, "HTTP 503 without Retry-After")]
    public async Task AnyOther5xxFailsTheRun(Answer bad, string reason)
    {
        using var system = new FakeSystem(renderIndex => renderIndex == 30 ? bad : Answer.Rendered);

        var (exitCode, output) = await RunAsync(system);

        Assert.Equal(LoadTestApp.GateFailed, exitCode);
        Assert.Contains($"render-anonymous: {reason} × 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AProcessAboveItsMemoryLimitFailsTheRun()
    {
        var profile = QrAspire.LoadTests.Config.ProfileLoader.Parse("""{ "scenarios": [ { "name": "health", "rate": 1, "duration": "1s" } ] }""", "memory");
        MemorySample[] samples = [new("Api", 0, 300), new("Api", 1, 450), new("Worker", 0, 200)];
        var limits = new Dictionary<string, double> { ["Api"] = 512, ["Worker"] = 1024 };

        var within = new RunReport(profile, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), "test", null, null, 0, [], samples, Limits: limits);
        // The kernel's own peak saw a spike between two samples.
        var spiked = within with { KernelPeaks = new Dictionary<string, double> { ["Api"] = 530 } };

        Assert.True(within.Passed);
        Assert.Equal(450, within.MemoryChecks.Single(c => c.Process == "Api").PeakMiB);
        Assert.False(spiked.Passed);
        Assert.False(spiked.MemoryChecks.Single(c => c.Process == "Api").Passed);
        Assert.True(spiked.MemoryChecks.Single(c => c.Process == "Worker").Passed);
        Assert.Contains("FAIL: above the limit", MarkdownReport.Render(spiked), StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(FakeSystem system)
    {
        var profile = Path.Combine(_work, "abuse.json");
        await File.WriteAllTextAsync(profile, """
            {
              "maxInFlight": 64,
              "requestTimeout": "5s",
              "hardGates": { "redirectP99": "100ms", "healthP99": "250ms", "errorRate": "0%" },
              "scenarios": [
                { "name": "redirect-hit", "group": "abuse", "rate": 50, "warmup": "0.5s", "duration": "2s" },
                { "name": "health", "group": "abuse", "rate": 10, "warmup": "0.5s", "duration": "2s" },
                { "name": "render-anonymous", "group": "abuse", "rate": 20, "warmup": "0.5s", "duration": "2s" }
              ]
            }
            """);
        var codes = Path.Combine(_work, "codes.txt");
        await File.WriteAllLinesAsync(codes, ["abc", "def"]);
        using var output = new StringWriter();
        var exitCode = await LoadTestApp.RunAsync(
            ["--config", profile, "--api", Api.ToString(), "--api-management", Management.ToString(), "--redirector", Redirector.ToString(),
             "--codes-file", codes, "--out", Path.Combine(_work, "out")],
            output, new RunEnvironment(() => new InstantClock(), _ => system), CancellationToken.None);
        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public enum Answer
    {
        Rendered,
        Busy,
        BusyWithoutRetryAfter,
        Failed,
    }

    /// <summary>Answers at once: redirects 302, /health 200, renders as <c>answer</c> says for the n-th render.</summary>
    private sealed class FakeSystem(Func<int, Answer> answer) : HttpMessageHandler
    {
        private int _renders, _health, _redirects;

        public int Renders => _renders;

        public int Health => _health;

        public int Redirects => _redirects;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Port == Management.Port && uri.AbsolutePath == "/health")
            {
                Interlocked.Increment(ref _health);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            }

            if (uri.Port == Api.Port && uri.AbsolutePath == "/api/v1/render")
            {
                var response = answer(Interlocked.Increment(ref _renders) - 1) switch
                {
                    Answer.Rendered => new HttpResponseMessage(HttpStatusCode.OK),
                    Answer.Busy => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(2)) } },
                    Answer.BusyWithoutRetryAfter => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                    _ => new HttpResponseMessage(HttpStatusCode.InternalServerError),
                };
                return Task.FromResult(response);
            }

            Interlocked.Increment(ref _redirects);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://example.com/") } });
        }
    }
}
