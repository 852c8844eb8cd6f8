using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QrAspire.Redirector.Tests;

/// <summary>
/// A TCP relay between one Redirector and Redis. It can close every connection through it, as a network blip would,
/// and hold back the client's subscription to a channel (and whatever follows it on that connection), so that a test
/// can act in the moment between a reconnect and the re-subscription on it.
/// </summary>
internal sealed class RedisRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _redis;
    private readonly byte[] _channel;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = NewSignal();

    private RedisRelay(DnsEndPoint redis, string options, string channel)
    {
        _redis = redis;
        _channel = Encoding.UTF8.GetBytes(channel);
        _listener.Start();
        ConnectionString = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{options}";
        _accepting = AcceptAsync();
    }

    /// <summary>The fixture's connection string with the relay in place of the server.</summary>
    public string ConnectionString { get; }

    /// <summary>Relays everything to the server named first in <paramref name="connectionString"/>, with its options.</summary>
    public static RedisRelay Start(string connectionString, string channel)
    {
        var comma = connectionString.IndexOf(',', StringComparison.Ordinal);
        var server = comma < 0 ? connectionString : connectionString[..comma];
        var colon = server.LastIndexOf(':');
        var redis = new DnsEndPoint(server[..colon], int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new RedisRelay(redis, comma < 0 ? "" : connectionString[comma..], channel);
    }

    /// <summary>From now on, a subscription to the channel waits at the relay until <see cref="Release"/>.</summary>
    public void Hold()
    {
        _held = NewSignal();
        Volatile.Write(ref _gate, NewSignal());
    }

    /// <summary>Completes once a subscription to the channel is being held back.</summary>
    public Task Held => _held.Task;

    /// <summary>Lets what was held, and everything after it, through.</summary>
    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    /// <summary>Closes every connection through the relay; the client may connect again at once.</summary>
    public int Drop()
    {
        var dropped = 0;
        foreach (var (client, server) in _pairs)
        {
            if (_pairs.TryRemove(client, out _))
            {
                client.Close();
                server.Close();
                dropped++;
            }
        }

        return dropped;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Release();
        _listener.Stop();
        Drop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    // Publishing on the channel (as the Redirector's probes do) goes through: only the subscription is held.
    private bool IsSubscription(ReadOnlySpan<byte> command) => command.IndexOf("SUBSCRIBE"u8) >= 0 && command.IndexOf(_channel) >= 0;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_redis.Host, _redis.Port, _stopping.Token);
            }
            catch (SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            _pairs[client] = server;
            _ = PumpAsync(client, server, towardsRedis: true);
            _ = PumpAsync(server, client, towardsRedis: false);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool towardsRedis)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int read;
            while ((read = await input.ReadAsync(buffer, _stopping.Token)) > 0)
            {
                // A command is small and StackExchange.Redis writes it whole: one read holds all of it.
                if (towardsRedis && Volatile.Read(ref _gate) is { } gate && IsSubscription(buffer.AsSpan(0, read)))
                {
                    _held.TrySetResult();
                    await gate.Task.WaitAsync(_stopping.Token);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            _pairs.TryRemove(towardsRedis ? from : to, out _);
            from.Close();
            to.Close();
        }
    }
}
