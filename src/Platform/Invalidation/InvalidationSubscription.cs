using System.Globalization;
using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace QrAspire.Platform.Invalidation;

/// <summary>How a process listens on an invalidation channel that an <see cref="InvalidationPublisher"/> publishes on.</summary>
public static class InvalidationSubscription
{
    // How often WatchAsync looks at the subscription.
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(1);

    // What WatchAsync publishes on the channel to learn that the subscription delivers. '@' starts no short code, and
    // SubscribeAsync keeps probes from every listener's handler.
    private const string ProbePrefix = "@probe ";

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/>, trying again every second (after telling
    /// <paramref name="failed"/>) until Redis answers or <paramref name="cancellationToken"/> ends. Once subscribed,
    /// StackExchange.Redis subscribes again by itself after every reconnect; messages sent while it was away are lost,
    /// which <see cref="WatchAsync"/> tells the listener.
    /// </summary>
    public static async Task SubscribeAsync(
        IConnectionMultiplexer redis, RedisChannel channel, Action<RedisChannel, RedisValue> handler, Action<Exception> failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(failed);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, (from, message) =>
                {
                    if (!message.StartsWith(ProbePrefix))
                    {
                        handler(from, message);
                    }
                }).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                failed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Tells a listener, until <paramref name="cancellationToken"/> ends, when what it cached can be trusted; call it
    /// once <see cref="SubscribeAsync"/> has returned. <paramref name="lost"/> is told at once when any Redis connection
    /// fails, and when a look finds the subscription to <paramref name="channel"/> down: messages may be missed from
    /// then on. <paramref name="back"/> is told once a probe published on the channel has come back on this process's
    /// subscription with no failure since it was sent: every message published from then on arrives, so whatever was
    /// cached before can go, and nothing cached before or during a gap in the subscription outlives it.
    /// </summary>
    /// <remarks>
    /// A probe rather than the connection's state: StackExchange.Redis reports the connection as up (and raises
    /// <c>ConnectionRestored</c>) before it has subscribed on it again, and connection events arrive in any order, since
    /// the two connections fail and come back separately. Only a message heard back proves that Redis holds the
    /// subscription, however long subscribing again takes.
    /// </remarks>
    public static async Task WatchAsync(IConnectionMultiplexer redis, RedisChannel channel, Action lost, Action back, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(back);

        // Every failure starts a new generation; a probe carries the generation it was sent in, and only one heard back
        // in the current generation counts.
        var generation = new StrongBox<long>();
        var heard = new StrongBox<long>(-1);
        var probe = ProbePrefix + Guid.NewGuid().ToString("N") + " ";
        void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
        {
            Interlocked.Increment(ref generation.Value);
            lost();
        }

        void OnProbe(RedisChannel from, RedisValue message)
        {
            var text = (string?)message;
            if (text is not null && text.StartsWith(probe, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(probe.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sentIn))
            {
                Interlocked.Exchange(ref heard.Value, sentIn);
            }
        }

        redis.ConnectionFailed += OnConnectionFailed;
        try
        {
            var subscriber = redis.GetSubscriber();
            await SubscribeProbesAsync(subscriber, channel, OnProbe, cancellationToken).ConfigureAwait(false);
            long? trustedIn = null;
            using var looks = new PeriodicTimer(Look);
            do
            {
                var now = Interlocked.Read(ref generation.Value);
                var up = subscriber.IsConnected(channel);
                if (trustedIn is { } trusted && (trusted != now || !up))
                {
                    trustedIn = null;
                    now = Interlocked.Increment(ref generation.Value);
                    lost();
                }

                if (trustedIn is not null || !up)
                {
                    continue;
                }

                if (Interlocked.Read(ref heard.Value) == now)
                {
                    back();
                    trustedIn = now;
                    if (Interlocked.Read(ref generation.Value) != now)
                    {
                        // A failure during back() may have told lost() before back() ended: tell it again, after.
                        lost();
                    }
                }
                else
                {
                    PublishProbe(subscriber, channel, probe + now.ToString(CultureInfo.InvariantCulture));
                }
            }
            while (await looks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
        }
    }

    private static async Task SubscribeProbesAsync(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await subscriber.SubscribeAsync(channel, handler).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                await Task.Delay(Look, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void PublishProbe(ISubscriber subscriber, RedisChannel channel, string message)
    {
        try
        {
            subscriber.Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Not heard back, so not trusted: the next look sends another.
        }
    }
}
