using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using QrAspire.Data;
using QrAspire.Platform;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Worker.Tests;

/// <summary>
/// The Aspire client integrations behind <c>AddRedisConnection</c> and <c>AddQrAspireDbContext</c>, on the real
/// database and Redis of the mode under test: commands become spans when traces are exported, readiness keeps its
/// own checks, and our settings stay the one source of the connection.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ClientIntegrationTests(InfrastructureFixture infrastructure)
{
    // Nothing listens there: exports fail quietly in the background, spans are still made and processed.
    private const string UnusedOtlpEndpoint = "http://127.0.0.1:9";

    [Fact]
    public async Task RedisCommandsBecomeSpansWhenTracesAreExported()
    {
        var spans = new SpanCollector();
        using var host = Build(spans, ("OTEL_EXPORTER_OTLP_ENDPOINT", UnusedOtlpEndpoint));
        await host.StartAsync();
        var key = $"test:{Guid.NewGuid():N}";

        await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StringSetAsync(key, "1", TimeSpan.FromMinutes(1));

        // The Redis instrumentation turns profiled commands into spans when it flushes (every 10 s by default).
        await Eventually.TrueAsync(() => Task.FromResult(spans.Any(s => s.Source.Name.Contains("Redis", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "a Redis span", poll: TimeSpan.FromMilliseconds(250));

        Assert.Contains(spans.Ended, s => s.Source.Name.Contains("Redis", StringComparison.Ordinal) && s.DisplayName.Contains("SET", StringComparison.OrdinalIgnoreCase));
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task DatabaseCommandsBecomeSpansOnlyWhenTracesAreExported()
    {
        Skip.If(infrastructure.Mode != "local", "the PostgreSQL integration is used on PostgreSQL only (QRASPIRE_TEST_MODE=local); SQLite keeps the plain EF Core registration");
        var exported = new SpanCollector();
        var notExported = new SpanCollector();
        using var tracing = Build(exported, ("OTEL_EXPORTER_OTLP_ENDPOINT", UnusedOtlpEndpoint));
        using var quiet = Build(notExported);
        await tracing.StartAsync();
        await quiet.StartAsync();

        foreach (var host in new[] { tracing, quiet })
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<QrAspireDbContext>().QrCodes.CountAsync();
        }

        Assert.Contains(exported.Ended, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client);
        Assert.DoesNotContain(notExported.Ended, s => s.Source.Name == "Npgsql");
        await tracing.StopAsync();
        await quiet.StopAsync();
    }

    [Fact]
    public async Task ReadinessKeepsItsOwnNamedChecksBesideTheIntegrations()
    {
        using var host = Build(new SpanCollector());
        await host.StartAsync();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["database", "redis"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        await host.StopAsync();
    }

    [Fact]
    public async Task RedisUrlWinsOverTheConnectionStringAspirePasses()
    {
        var configured = RedisSettings.From(new ConfigurationBuilder().AddInMemoryCollection(infrastructure.Settings).Build());
        var server = configured.Options.EndPoints[0] switch
        {
            System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            System.Net.IPEndPoint ip => ip.ToString(),
            var other => throw new InvalidOperationException($"the fixture's Redis end point {other} is neither host:port nor address:port"),
        };
        using var host = Build(new SpanCollector(),
            ("REDIS_URL", $"redis://{server}/3"),
            // Would fail to connect if it were used.
            ("ConnectionStrings:redis", "127.0.0.1:1"));
        await host.StartAsync();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();

        var database = redis.GetDatabase();

        Assert.Equal(3, database.Database);
        Assert.True(await database.PingAsync() >= TimeSpan.Zero);
        await host.StopAsync();
    }

    private IHost Build(SpanCollector spans, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(spans));
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddRedisConnection();
        return builder.Build();
    }

    private sealed class SpanCollector : BaseProcessor<Activity>
    {
        public ConcurrentQueue<Activity> Ended { get; } = new();

        public bool Any(Func<Activity, bool> predicate) => Ended.Any(predicate);

        public override void OnEnd(Activity data) => Ended.Enqueue(data);
    }
}
