using System.Net;
using System.Text.Json;

namespace QrAspire.SystemTests;

/// <summary>
/// The Redirector as it runs in production (the Native AOT binary in CI) loses no scan when Redis goes away or when
/// it is told to stop under load.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Tier", "System")]
public sealed class RedirectorDurabilityTests
{
    [Fact]
    public async Task RedisStoppedMidRunKeepsRedirectingAndDeliversExactlyEveryScanOnceItIsBack()
    {
        await using var redirector = await RedirectorProcess.StartAsync();
        var code = await redirector.AddCodeAsync("https://example.com/outage");
        const int Before = 50, During = 150;

        await RedirectAsync(redirector, code, Before);
        await RedirectorProcess.WaitForAsync(async () => (await ScansOfAsync(redirector, code)).Count == Before, "the first scans are queued");
        await redirector.StopRedisAsync();
        await RedirectAsync(redirector, code, During); // From L1: the code was cached before Redis went away.
        await redirector.StartRedisAsync();

        List<string> scans = [];
        await RedirectorProcess.WaitForAsync(async () => (scans = await ScansOfAsync(redirector, code)).Count >= Before + During,
            $"{Before + During} scan events of {code} in the queue");
        await Task.Delay(500); // Anything doubled would arrive now.
        scans = await ScansOfAsync(redirector, code);
        Assert.Equal(Before + During, scans.Count);
        Assert.Equal(Before + During, scans.Select(Id).Distinct().Count());
    }

    [Fact]
    public async Task SigtermUnderLoadDrainsEveryAnsweredScanAndExitsCleanly()
    {
        await using var redirector = await RedirectorProcess.StartAsync();
        var code = await redirector.AddCodeAsync("https://example.com/sigterm");
        var answered = 0;
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await redirector.Http.GetAsync(new Uri("/" + code, UriKind.Relative), stop.Token);
                    if (response.StatusCode == HttpStatusCode.Found)
                    {
                        Interlocked.Increment(ref answered);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    // The server is going away: refused or cut connections are expected.
                }
            }
        })).ToArray();
        await RedirectorProcess.WaitForAsync(() => Task.FromResult(Volatile.Read(ref answered) > 500), "load is running");

        await redirector.TerminateAsync(TimeSpan.FromSeconds(40));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, redirector.ExitCode);
        var scans = await ScansOfAsync(redirector, code);
        Assert.True(scans.Count >= answered, $"{answered} redirects answered, {scans.Count} scan events queued");
        Assert.Equal(scans.Count, scans.Select(Id).Distinct().Count());
    }

    private static async Task RedirectAsync(RedirectorProcess redirector, string code, int count)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            using var response = await redirector.Http.GetAsync(new Uri("/" + code, UriKind.Relative), cancellationToken);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("https://example.com/outage", response.Headers.Location?.OriginalString);
        });
    }

    private static async Task<List<string>> ScansOfAsync(RedirectorProcess redirector, string code) =>
        [.. (await redirector.QueuedScansAsync()).Where(json => JsonDocument.Parse(json).RootElement.GetProperty("code").GetString() == code)];

    private static string Id(string json) => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
}
