using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace QrAspire.FaultTests;

/// <summary>
/// Redis stops (cleanly) while a code's destination is changed through the Api, and starts again: the Redirectors
/// missed every invalidation message meanwhile.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Tier", "Fault")]
public sealed class RedisOutageTests(ProductionSystem system, ITestOutputHelper output)
{
    private const int Changes = 3;

    // The freshness bound is the product's promise (docs/redirector.md). It is measured from the moment our own
    // connection first gets PONG from the restarted Redis to the first answer with the new destination, polled
    // every 25 ms per replica, so the figure is at most one poll late; the wait itself runs up to 30 s, so a miss
    // is reported with the time it did take instead of a bare timeout.
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    [SkippableFact]
    public async Task EveryRedirectorServesTheLastDestinationWithinASecondOfRedisReturningAndNeverAnOlderOneAfter()
    {
        Skip.IfNot(system.Available, ProductionSystem.NotStarted);
        var seed = await system.SeedAsync(1);
        var code = seed.Codes[0];
        var replicas = system.Processes("QrAspire.Redirector").Select(r => new Uri($"http://127.0.0.1:{RedirectorKillTests.AppPort(r)}/")).ToList();
        foreach (var replica in replicas)
        {
            Assert.Equal("https://example.com/load", await LocationAsync(replica, code.ShortCode)); // cached in L1 now
        }

        var redis = system.Redis();
        var port = redis.Ports.Single();
        await redis.TerminateAsync();
        var last = "";
        for (var change = 1; change <= Changes; change++)
        {
            var destination = $"https://example.com/changed-during-outage/{change}";
            using var response = await system.SendAsync(HttpMethod.Patch, ApiRoutes.QrCode, seed.ApiKey!, code.Id, new UpdateQrCodeRequest { Destination = destination });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"change {change} while Redis is down: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            last = destination;
        }

        redis.StartAgain(system.Log("redis"), system.Registry);
        var back = await WaitForPongAsync(port);
        var fresh = new TimeSpan?[replicas.Count];
        List<string> stale = [];
        while (back.Elapsed < TimeSpan.FromSeconds(30) && (fresh.Any(f => f is null) || back.Elapsed < fresh.Max()!.Value + TimeSpan.FromSeconds(3)))
        {
            for (var i = 0; i < replicas.Count; i++)
            {
                var location = await LocationAsync(replicas[i], code.ShortCode);
                if (location == last)
                {
                    fresh[i] ??= back.Elapsed;
                }
                else if (fresh[i] is not null)
                {
                    stale.Add($"replica {i + 1} at {back.Elapsed.TotalMilliseconds:0} ms: {location}");
                }
            }

            await Task.Delay(25);
        }

        output.WriteLine($"new destination served {string.Join(", ", fresh.Select((f, i) => $"by replica {i + 1} after {f?.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "never"} ms"))} of Redis answering");
        output.WriteLine($"peak memory (VmHWM/limit): {system.PeakMemory()}");
        Assert.All(fresh, f => Assert.True(f is not null && f <= Freshness, $"a Redirector served {last} only {f?.TotalMilliseconds:0} ms after Redis answered (bound: {Freshness.TotalMilliseconds:0} ms)"));
        Assert.Empty(stale);
    }

    private async Task<string?> LocationAsync(Uri replica, string shortCode)
    {
        using var response = await system.Http.GetAsync(new Uri(replica, shortCode));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    /// <summary>Polls until the restarted Redis answers PING; the returned clock starts at that moment.</summary>
    private static async Task<Stopwatch> WaitForPongAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var pong = new byte[7];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var read = await stream.ReadAsync(pong);
                if (read >= 5 && System.Text.Encoding.ASCII.GetString(pong, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return Stopwatch.StartNew();
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Redis did not answer PING on port {port} within 30 s of starting again");
    }
}
