using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// Raw connections to one Redirector replica that a well-behaved client would not make: idle keep-alive connections
/// (one redirect answered, then held open until <see cref="ReleaseAsync"/>), headers trickled one byte at a time and
/// never finished (slowloris), and a body declared and then trickled. A trickling connection succeeds when the server
/// ends it (closes it, or answers 408) within the scenario's hold; its latency is how long that took.
/// </summary>
public sealed class HostileConnections(Uri target, IReadOnlyList<SeededCode> codes) : IAsyncDisposable
{
    /// <summary>Declared by a slow body: under the Redirector's 4 KiB body limit, so only the body's rate can end it.</summary>
    private const int SlowBodyBytes = 4000;

    private readonly ConcurrentBag<Socket> _held = [];

    /// <summary>Idle connections held open now.</summary>
    public int Held => _held.Count;

    /// <summary>Opens a connection, asks one redirect on it, and keeps it open, idle, until <see cref="ReleaseAsync"/>.</summary>
    public async Task<RequestOutcome> IdleAsync(long i, CancellationToken ct)
    {
        var socket = NewSocket();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(target.Host, target.Port, deadline.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /{Code(i)} HTTP/1.1\r\nHost: {target.Authority}\r\n\r\n"), deadline.Token);
            var head = await ReadHeadAsync(socket, deadline.Token);
            if (!head.StartsWith("HTTP/1.1 3", StringComparison.Ordinal))
            {
                socket.Dispose();
                return RequestOutcome.Failed(head.Length == 0 ? "closed before answering" : $"answered {head.Split('\r')[0]}");
            }

            _held.Add(socket);
            return RequestOutcome.Ok;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            return RequestOutcome.Failed(exception is SocketException socketError ? $"socket: {socketError.SocketErrorCode}" : "timeout");
        }
    }

    /// <summary>Slowloris: a request line and headers one byte every <paramref name="trickle"/>, never the blank line that ends them.</summary>
    public Task<RequestOutcome> SlowHeadersAsync(long i, TimeSpan trickle, TimeSpan hold, CancellationToken ct) =>
        TrickleAsync([], Encoding.ASCII.GetBytes($"GET /{Code(i)} HTTP/1.1\r\nHost: {target.Authority}\r\nX-Slow: " + new string('a', 4000)), trickle, hold, ct);

    /// <summary>Complete headers declaring a body, then the body one byte every <paramref name="trickle"/>, never finished.</summary>
    public Task<RequestOutcome> SlowBodyAsync(long i, TimeSpan trickle, TimeSpan hold, CancellationToken ct) =>
        TrickleAsync(Encoding.ASCII.GetBytes($"GET /{Code(i)} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Type: text/plain\r\nContent-Length: {SlowBodyBytes.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"),
            new byte[SlowBodyBytes - 1], trickle, hold, ct);

    /// <summary>Closes the idle connections held so far.</summary>
    public ValueTask ReleaseAsync()
    {
        while (_held.TryTake(out var socket))
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ReleaseAsync();

    private async Task<RequestOutcome> TrickleAsync(byte[] opening, byte[] trickled, TimeSpan trickle, TimeSpan hold, CancellationToken ct)
    {
        using var socket = NewSocket();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(hold);
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, deadline.Token);
            if (opening.Length > 0)
            {
                await socket.SendAsync(opening, deadline.Token);
            }

            // The server's side: everything it sends until it closes. A 302 for the slow body comes first; the
            // connection must still end, since the body it declared never arrives.
            var ended = DrainUntilClosedAsync(socket, deadline.Token);
            for (var sent = 0; sent < trickled.Length && !ended.IsCompleted; sent++)
            {
                await socket.SendAsync(trickled.AsMemory(sent, 1), deadline.Token);
                await Task.WhenAny(ended, Task.Delay(trickle, deadline.Token));
            }

            await ended;
            return RequestOutcome.Ok;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return RequestOutcome.Ok; // ended by the server while we were sending
        }
        catch (SocketException exception)
        {
            return RequestOutcome.Failed($"socket: {exception.SocketErrorCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return RequestOutcome.Failed($"still open after {hold.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
    }

    private static async Task DrainUntilClosedAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, ct) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // reset by the server: ended as well
        }
    }

    private static async Task<string> ReadHeadAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private string Code(long i) => codes.Count == 0 ? "abuse" : codes[(int)(i % codes.Count)].ShortCode;

    private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
}
