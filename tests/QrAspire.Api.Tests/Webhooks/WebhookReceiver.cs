using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel): records every request to <c>/hook</c> and answers as <see cref="Mode"/>
/// says — 200, 500, or no answer for longer than the Worker waits; <c>/redirect</c> answers 302 to <c>/internal</c>,
/// which counts its hits.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public ReceiverMode Mode { get; set; } = ReceiverMode.Ok;

    public int InternalHits;

    public string BaseUrl { get; private set; } = "";

    public string HookUrl => BaseUrl + "/hook";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var memory = new MemoryStream();
            await context.Request.Body.CopyToAsync(memory);
            var headers = context.Request.Headers;
            receiver.Received.Enqueue(new ReceivedWebhook(
                headers["QrAspire-Event-Id"].ToString(), headers["QrAspire-Event-Type"].ToString(), headers["QrAspire-Signature"].ToString(),
                memory.ToArray(), receiver.Mode, DateTime.UtcNow));
            switch (receiver.Mode)
            {
                case ReceiverMode.Fail:
                    return Results.Text("receiver broke", statusCode: 500);
                case ReceiverMode.Hang:
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.Ok();
                default:
                    return Results.Text("thanks");
            }
        });
        app.MapPost("/redirect", () => Results.Redirect(receiver.BaseUrl + "/internal"));
        app.MapPost("/internal", () =>
        {
            Interlocked.Increment(ref receiver.InternalHits);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal enum ReceiverMode
{
    Ok,
    Fail,
    Hang,
}

/// <summary>One request as it arrived, and how the receiver was answering then.</summary>
internal sealed record ReceivedWebhook(string EventId, string EventType, string Signature, byte[] Body, ReceiverMode AnsweredWith, DateTime ReceivedAt);
