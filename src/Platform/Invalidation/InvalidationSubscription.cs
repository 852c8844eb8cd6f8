using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace QrAspire.Platform.Invalidation;

/// <summary>How a process listens on an invalidation channel that an <see cref="InvalidationPublisher"/> publishes on.</summary>
public static class InvalidationSubscription
{
    // How often WatchAsync looks at the subscription. StackExchange.Redis reports a connection as up (and raises
    // ConnectionRestored) before it has subscribed on it again, so a message published in that moment is lost; a
    // subscription seen up at two looks a second apart has long been subscribed again. Connection events alone cannot
    // say this: the two connections fail and come back separately, and their events arrive in any order.
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(1);

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
                await redis.GetSubscriber().SubscribeAsync(channel, handler).ConfigureAwait(false);
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
    /// then on. <paramref name="back"/> is told once the subscription has been up at two looks a second apart with no
    /// failure between, and again after every later failure: every message published since the first of those looks
    /// arrives, so whatever was cached before the second can go then, and nothing cached before or during a gap in the
    /// subscription outlives it.
    /// </summary>
    public static async Task WatchAsync(IConnectionMultiplexer redis, RedisChannel channel, Action lost, Action back, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(back);
        var failures = new StrongBox<long>();
        void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
        {
            Interlocked.Increment(ref failures.Value);
            lost();
        }

        redis.ConnectionFailed += OnConnectionFailed;
        try
        {
            var subscriber = redis.GetSubscriber();
            long? upAtLastLook = null;
            long? trustedSince = null;
            using var looks = new PeriodicTimer(Look);
            do
            {
                // Failures are counted before the look: a failure between the two looks of a pair spoils the pair.
                var failed = Interlocked.Read(ref failures.Value);
                var up = subscriber.IsConnected(channel);
                if (!up)
                {
                    if (trustedSince is not null)
                    {
                        trustedSince = null;
                        lost();
                    }
                }
                else if (upAtLastLook == failed && trustedSince != failed)
                {
                    back();
                    trustedSince = failed;
                    if (Interlocked.Read(ref failures.Value) != failed)
                    {
                        // A failure during back() may have told lost() before back() ended: tell it again, after.
                        lost();
                    }
                }

                upAtLastLook = up ? failed : null;
            }
            while (await looks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
        }
    }
}
