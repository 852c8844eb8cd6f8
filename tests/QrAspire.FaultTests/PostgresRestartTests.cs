using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace QrAspire.FaultTests;

/// <summary>
/// PostgreSQL stops under mixed load (creates, reads, lists, redirects), stays down a few seconds, and starts again.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Tier", "Fault")]
public sealed class PostgresRestartTests(ProductionSystem system, ITestOutputHelper output)
{
    private const int Loops = 6;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task ApiAnswers503WhileTheDatabaseIsDownRecoversByItselfAndLosesNoAcknowledgedWrite()
    {
        Skip.IfNot(system.Available, ProductionSystem.NotStarted);
        var seed = await system.SeedAsync(12);
        foreach (var code in seed.Codes)
        {
            // Cached now: redirects during the outage are answered from the caches, as they must be.
            using var warm = await system.Http.GetAsync(new Uri(system.Redirector, code.ShortCode));
            Assert.Equal(HttpStatusCode.Found, warm.StatusCode);
        }

        var services = system.Processes("QrAspire.Api").Concat(system.Processes("QrAspire.Worker")).Select(p => p.Pid).ToList();
        var postgres = system.Postgres();
        var tally = new LoadTally();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        var down = 0;
        long unavailableWhileDown = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a bound should anything hang

        var load = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var code = seed.Codes[(loop + i) % seed.Codes.Count];
                try
                {
                    switch ((loop + i) % 4)
                    {
                        case 0:
                            using (var response = await system.SendAsync(HttpMethod.Post, ApiRoutes.QrCodes, seed.ApiKey!, body: new CreateQrCodeRequest
                            {
                                Name = $"fault pg {loop}-{i}",
                                Type = "dynamic",
                                Destination = $"https://example.com/pg/{loop}/{i}",
                            }, cancellationToken: stop.Token))
                            {
                                tally.Answered("create", response);
                                if (response.StatusCode == HttpStatusCode.Created)
                                {
                                    created.Add((await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.QrCodeResponse))!.Id);
                                }
                                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && Volatile.Read(ref down) == 1)
                                {
                                    Interlocked.Increment(ref unavailableWhileDown);
                                }
                            }

                            break;
                        case 1:
                            using (var response = await system.SendAsync(HttpMethod.Get, ApiRoutes.QrCode, seed.ApiKey!, code.Id, cancellationToken: stop.Token))
                            {
                                tally.Answered("get", response);
                            }

                            break;
                        case 2:
                            using (var response = await system.SendAsync(HttpMethod.Get, ApiRoutes.QrCodes, seed.ApiKey!, cancellationToken: stop.Token))
                            {
                                tally.Answered("list", response);
                            }

                            break;
                        default:
                            using (var response = await system.Http.GetAsync(new Uri(system.Redirector, code.ShortCode), stop.Token))
                            {
                                tally.Answered("redirect", response);
                            }

                            break;
                    }
                }
                catch (HttpRequestException)
                {
                    tally.Failed((loop + i) % 4 == 3 ? "redirect" : "api");
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(10, CancellationToken.None);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await postgres.InterruptAsync();
        Volatile.Write(ref down, 1);
        await Task.Delay(Outage);
        Volatile.Write(ref down, 0);
        postgres.StartAgain(system.Log("postgres"), system.Registry, stopsWithInterrupt: true);
        var restarted = Stopwatch.StartNew();
        var before = tally.Count("create", 201);
        var recovered = false;
        while (!recovered && restarted.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            recovered = tally.Count("create", 201) > before + 5;
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"outage {Outage.TotalSeconds:0} s; recovered {restarted.Elapsed.TotalSeconds:0.0} s after the restart; {tally.Requests} answers: {tally}");
        output.WriteLine($"peak memory (VmHWM/limit): {system.PeakMemory()}");

        Assert.True(recovered, $"creates did not succeed again within 60 s of PostgreSQL starting again: {tally}");
        Assert.Empty(tally.Forbidden);
        Assert.True(unavailableWhileDown > 0, $"no create was answered 503 while PostgreSQL was down: {tally}");
        Assert.Equal(0, tally.Count("redirect") - tally.Count("redirect", 302));
        foreach (var id in created)
        {
            using var response = await system.SendAsync(HttpMethod.Get, ApiRoutes.QrCode, seed.ApiKey!, id);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the acknowledged create {id} answers {(int)response.StatusCode}");
        }

        Assert.All(services, pid => Assert.True(ServiceProcess.IsRunning(pid), $"service process {pid} died during the outage"));
    }
}
