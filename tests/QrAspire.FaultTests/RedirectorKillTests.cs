using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace QrAspire.FaultTests;

/// <summary>
/// A Redirector replica is killed with SIGKILL while it answers about 1,000 redirects a second, and started again.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Tier", "Fault")]
public sealed class RedirectorKillTests(ProductionSystem system, ITestOutputHelper output)
{
    private const int Rate = 1000;
    private const int InFlight = 64;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(1);

    [SkippableFact]
    public async Task EveryAcknowledgedRedirectOfAKilledReplicaIsCountedExactlyOnce()
    {
        Skip.IfNot(system.Available, ProductionSystem.NotStarted);
        var seed = await system.SeedAsync(10);
        var replica = system.Processes("QrAspire.Redirector")[0];
        // The replica itself, not the proxy: a request is then either answered by it or failed, never passed on to
        // the other replica after the kill.
        var target = new Uri($"http://127.0.0.1:{AppPort(replica)}/");
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var tally = new LoadTally();
        using var slots = new SemaphoreSlim(InFlight);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        var killed = false;
        int? restartedPid = null;

        for (var i = 0; i < Rate * Load.TotalSeconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / Rate);
            if (!killed && clock.Elapsed >= KillAt)
            {
                await replica.KillAsync();
                killed = true;
            }
            else if (killed && restartedPid is null && clock.Elapsed >= KillAt + Down)
            {
                restartedPid = replica.StartAgain(system.Log("redirector"), system.Registry);
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var code = seed.Codes[i % seed.Codes.Count].ShortCode;
            await slots.WaitAsync();
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await system.Http.GetAsync(new Uri(target, code));
                    tally.Answered("redirect", response);
                    if (response.StatusCode == HttpStatusCode.Found)
                    {
                        acknowledged.AddOrUpdate(code, 1, (_, n) => n + 1);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    tally.Failed("redirect");
                    failed.AddOrUpdate(code, 1, (_, n) => n + 1);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
        Assert.True(killed && restartedPid is not null, "the load ended before the kill and the restart");
        await system.WaitAliveAsync(replica.Ports, TimeSpan.FromSeconds(30), "the restarted Redirector answers /alive");
        output.WriteLine($"{tally.Requests} answers in {clock.Elapsed.TotalSeconds:0.0} s: {tally}");
        output.WriteLine($"peak memory (VmHWM/limit): {system.PeakMemory()}");

        // A request that failed may still have been answered and counted just before the kill: its scan may count,
        // once. Every acknowledged one must count, exactly once.
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var code in seed.Codes)
        {
            var expected = acknowledged.GetValueOrDefault(code.ShortCode);
            long scans;
            while ((scans = await system.ScansAsync(seed.ApiKey!, code.Id)) < expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            counted[code.ShortCode] = scans;
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // anything counted twice would show by now
        foreach (var code in seed.Codes)
        {
            counted[code.ShortCode] = await system.ScansAsync(seed.ApiKey!, code.Id);
        }

        var report = string.Join(", ", seed.Codes.Select(c => $"{c.ShortCode}: {acknowledged.GetValueOrDefault(c.ShortCode)} acknowledged, {failed.GetValueOrDefault(c.ShortCode)} failed, {counted[c.ShortCode]} counted"));
        output.WriteLine(report);
        Assert.True(tally.Count("redirect", 302) > Rate, $"too few redirects answered to say anything: {tally}");
        Assert.Empty(tally.Forbidden);
        Assert.All(seed.Codes, c =>
        {
            var (ack, lost, scans) = (acknowledged.GetValueOrDefault(c.ShortCode), failed.GetValueOrDefault(c.ShortCode), counted[c.ShortCode]);
            Assert.True(scans >= ack && scans <= ack + lost, $"{c.ShortCode}: {ack} redirects acknowledged, {lost} failed, {scans} scans counted; all codes: {report}");
        });
    }

    /// <summary>The port the replica serves redirects on (not its management port, when it has one).</summary>
    internal static int AppPort(ServiceProcess replica)
    {
        var management = replica.Variable("Management__Port");
        var ports = replica.Ports.Where(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture) != management).ToArray();
        Assert.True(ports.Length == 1, $"expected one redirect port of process {replica.Pid}, found {string.Join(", ", replica.Ports)} (management: {management ?? "none"})");
        return ports[0];
    }
}
