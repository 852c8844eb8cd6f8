using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.TestSupport;

namespace QrAspire.Web.Tests;

/// <summary>
/// A second web console whose way to the Api goes through a proxy the test can cut: an Api outage staged without
/// stopping the shared system's Api.
/// </summary>
internal sealed class ApiOutage : IAsyncDisposable
{
    private static readonly string[] HopByHop = ["Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade"];

    private readonly WebApplication _proxy;
    private readonly Process _web;

    private ApiOutage(WebApplication proxy, Process web, Uri webUrl) => (_proxy, _web, WebUrl) = (proxy, web, webUrl);

    /// <summary>True while the proxy drops every connection, as an unreachable Api would.</summary>
    public bool Down { get; set; }

    public Uri WebUrl { get; }

    public static async Task<ApiOutage> StartAsync(Uri api)
    {
        ApiOutage? outage = null;
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var proxy = builder.Build();
        proxy.Run(async context =>
        {
            if (outage?.Down != false)
            {
                context.Abort();
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
            {
                request.Content = new StreamContent(context.Request.Body);
            }

            foreach (var (name, value) in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
            {
                if (!request.Headers.TryAddWithoutValidation(name, value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
                }
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
            {
                context.Response.Headers[name] = value.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await proxy.StartAsync();
        var proxyUrl = proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var port = FreePort();
        var folder = Path.Combine(Support.RepositoryRoot, "src", "Web");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "bin", Configuration, "net10.0", "QrAspire.Web.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["API_BASE_URL"] = proxyUrl;
        start.Environment["WEB_DATA_PATH"] = Path.Combine(Path.GetTempPath(), $"qraspire-web-outage-{Guid.NewGuid():N}");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var web = Process.Start(start)!;
        web.OutputDataReceived += (_, _) => { };
        web.ErrorDataReceived += (_, _) => { };
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
        outage = new ApiOutage(proxy, web, new Uri($"http://127.0.0.1:{port}"));

        using var probe = new HttpClient { BaseAddress = outage.WebUrl };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(web.HasExited, "the web console stopped while starting");
            using var alive = await probe.GetAsync(new Uri("/alive", UriKind.Relative));
            return alive.IsSuccessStatusCode;
        }, TimeSpan.FromMinutes(1), "the web console answers /alive", transient: exception => exception is HttpRequestException, poll: TimeSpan.FromMilliseconds(250));
        return outage;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_web.HasExited)
        {
            _web.Kill(entireProcessTree: true);
            await _web.WaitForExitAsync();
        }

        _web.Dispose();
        await _proxy.DisposeAsync();
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
