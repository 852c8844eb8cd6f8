using StackExchange.Redis;

namespace QrAspire.Platform.Invalidation;

/// <summary>How a process listens on an invalidation channel that an <see cref="InvalidationPublisher"/> publishes on.</summary>
public static class InvalidationSubscription
{
    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/>, trying again every second (after telling
    /// <paramref name="failed"/>) until Redis answers or <paramref name="cancellationToken"/> ends. Once subscribed,
    /// StackExchange.Redis subscribes again by itself after every reconnect; messages sent while it was away are lost,
    /// so each listener also forgets what it cached when its connection comes back.
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
}
