using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QrAspire.Worker.Tests.Email;

/// <summary>
/// SendGrid's <c>POST /v3/mail/send</c> on a loopback Kestrel: records each request and answers with the next status
/// queued for its (first) recipient by <see cref="Answer"/> (202 when none), as SendGrid does (202 with no body; errors
/// as JSON; 429 with <c>Retry-After: 1</c>).
/// </summary>
internal sealed class SendGridTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SendGridRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new(StringComparer.OrdinalIgnoreCase);

    private SendGridTestServer(WebApplication app) => _app = app;

    /// <summary>Queues the answers to the next requests for <paramref name="recipient"/>.</summary>
    public void Answer(string recipient, params int[] statuses)
    {
        var queue = _answers.GetOrAdd(recipient, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    public IReadOnlyList<SendGridRequest> RequestsFor(string recipient) =>
        [.. _requests.Where(r => string.Equals(r.Recipient, recipient, StringComparison.OrdinalIgnoreCase))];

    public IReadOnlyList<SendGridRequest> Requests => [.. _requests];

    public string BaseUrl { get; private set; } = "";

    public static async Task<SendGridTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SendGridTestServer(app);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var recipient = body.RootElement.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString() ?? "";
            server._requests.Enqueue(new SendGridRequest(
                recipient, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "", body.RootElement.Clone(), DateTime.UtcNow));
            var status = server._answers.TryGetValue(recipient, out var answers) && answers.TryDequeue(out var next) ? next : 202;
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            if (status >= 400)
            {
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "test error " + status, field = (string?)null } } });
            }
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record SendGridRequest(string Recipient, string Authorization, string ContentType, JsonElement Body, DateTime At);
