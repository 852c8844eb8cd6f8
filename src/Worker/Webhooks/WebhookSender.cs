using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using QrAspire.Contracts;
using QrAspire.Data.Webhooks;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// Makes one delivery attempt: a POST with the signed body, a timeout of <c>WEBHOOKS_TIMEOUT_SECONDS</c>, redirects
/// not followed (a 3xx is a failure, so a redirect cannot lead to an internal address), no proxy and no cookies. Every
/// new connection resolves the host again and goes to an address <see cref="WebhookTargets"/> vetted, never to one a
/// second lookup might return (DNS rebinding).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The most of an answer's body kept in the delivery log.</summary>
    public const int ExcerptLength = 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;
    private readonly WebhookSettings _settings;

    public WebhookSender(WebhookSettings settings, WebhookTargets targets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(targets);
        _settings = settings;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = settings.Timeout,
            // Pooled connections are to vetted addresses; a bounded lifetime makes a host's new addresses count soon.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(targets, context, ct),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("QrAspire-Webhooks/1");
    }

    /// <summary>Sends <paramref name="body"/>; never throws for what the receiver or the network did.</summary>
    public async Task<WebhookAttempt> SendAsync(string url, string eventId, string eventType, string signature, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signature);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventId, eventId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, eventType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var excerpt = await ExcerptAsync(response, timeout.Token).ConfigureAwait(false);
            return new WebhookAttempt((int)response.StatusCode, Elapsed(started), excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, Elapsed(started), $"No answer within {_settings.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is WebhookTargetRefusedException refused ? refused.Message : e.Message;
            return new WebhookAttempt(null, Elapsed(started), Trim(reason));
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<System.IO.Stream> ConnectAsync(WebhookTargets targets, SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (addresses, refusal) = await targets.ResolveAsync(context.DnsEndPoint.Host, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            throw new WebhookTargetRefusedException("Refused: " + refusal.Reason);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[ExcerptLength];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Trim(Encoding.UTF8.GetString(buffer, 0, read));
    }

    private static string Trim(string text) => text.Length > ExcerptLength ? text[..ExcerptLength] : text;

    private static int Elapsed(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

/// <summary>What one attempt got: the status code (null when no answer came), how long it took, and the answer's start or the error.</summary>
public sealed record WebhookAttempt(int? Status, int DurationMs, string Excerpt)
{
    /// <summary>A 2xx answer.</summary>
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>The host resolved to an address deliveries may not go to.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);
