using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Redirector.Hosting;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>A Redirector hosted in this process on a free loopback port, against the fixture's database and Redis.</summary>
internal sealed class RedirectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RedirectorServer(WebApplication app, Uri address, string spillPath, string redisClientName)
    {
        RedisClientName = redisClientName;
        _app = app;
        Address = address;
        SpillPath = spillPath;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public string SpillPath { get; }

    /// <summary>The client name this instance's Redis connections carry (<c>CLIENT LIST</c>).</summary>
    public string RedisClientName { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IConnectionMultiplexer Redis => _app.Services.GetRequiredService<IConnectionMultiplexer>();

    public static async Task<RedirectorServer> StartAsync(InfrastructureFixture infrastructure, params (string Key, string Value)[] settings)
    {
        var spill = TestFolders.New("spill");
        var name = $"redirector-test-{Guid.NewGuid():N}";
        List<string> args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:db={infrastructure.DatabaseConnectionString}",
            // A name of its own, so that a test can find and kill this instance's Redis connections.
            $"--ConnectionStrings:redis={infrastructure.RedisConnectionString},name={name}",
            $"--SCAN_SPILL_PATH={spill}",
            "--Logging:LogLevel:Default=Warning",
        ];
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = RedirectorApp.Build([.. args]);
        await app.StartAsync();
        // With a management port the server listens on two addresses: the app's is the other one.
        var management = settings.FirstOrDefault(s => s.Key == "Management:Port").Value;
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => management is null || !a.EndsWith(":" + management, StringComparison.Ordinal));
        return new RedirectorServer(app, new Uri(address), spill, name);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> HeadAsync(string path) => Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
