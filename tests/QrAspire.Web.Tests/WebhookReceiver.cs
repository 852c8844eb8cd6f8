using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.TestSupport;

namespace QrAspire.Web.Tests;

/// <summary>
/// A customer's webhook receiver on 127.0.0.1: records every request with its raw body and answers with
/// <see cref="Status"/> (and a body naming it, which the delivery log shows as the excerpt).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private volatile int _status = StatusCodes.Status200OK;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's root, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Url { get; private set; } = default!;

    /// <summary>What the next requests are answered with.</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var status = receiver.Status;
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._received.Enqueue(new ReceivedWebhook(request.Path, headers, buffer.ToArray(), status));
            return Results.Text(status == StatusCodes.Status200OK ? "received" : $"receiver says {status}", statusCode: status);
        });
        await receiver._app.StartAsync();
        receiver.Url = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>The <paramref name="count"/>th request (1-based), once it has come; fails after a generous wait.</summary>
    public async Task<ReceivedWebhook> NthAsync(int count)
    {
        var received = await Eventually.ValueAsync(() => Task.FromResult(Received), r => r.Count >= count, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.True(received.Count >= count, $"the receiver got {received.Count} requests, expected a {count}th");
        return received[count - 1];
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered with.</summary>
internal sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
