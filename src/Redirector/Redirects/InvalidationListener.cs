using QrAspire.Platform.Invalidation;
using QrAspire.Platform.Redirects;
using QrAspire.Redirector.Domains;
using StackExchange.Redis;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// Applies the Api's invalidation messages (<see cref="RedirectInvalidation"/>) to this process's caches, and
/// invalidates everything when the Redis connection comes back, since messages sent meanwhile were lost — and again
/// once a probe shows the subscription delivers again (<see cref="InvalidationSubscription.WatchAsync"/>), since the
/// connection comes back before the subscription on it does.
/// </summary>
public sealed partial class InvalidationListener(IConnectionMultiplexer redis, RedirectCache cache, BrandedDomainsRefresher domains, ILogger<InvalidationListener> logger) : BackgroundService
{
    // A lookup that read the database just before the change may write the old value back after the first removal;
    // removing again a little later closes that window, well inside the one-second target.
    private static readonly TimeSpan SecondRemoval = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await InvalidationSubscription.SubscribeAsync(redis, RedirectInvalidation.Channel, OnMessage, LogSubscribeFailed, stoppingToken).ConfigureAwait(false);
            LogSubscribed(RedirectInvalidation.ChannelName);
            await InvalidationSubscription.WatchAsync(redis, RedirectInvalidation.Channel, KeepServing, OnSubscriptionBack, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var code = (string?)message;
        if (code == RedirectInvalidation.FlushAll)
        {
            _ = InvalidateAllAsync("flush-all message");
        }
        else if (code == RedirectInvalidation.DomainsChanged)
        {
            domains.Signal();
        }
        else if (code is not null && RedirectKeys.IsValid(code))
        {
            _ = RemoveAsync(code);
        }
    }

    private async Task RemoveAsync(string code)
    {
        try
        {
            await cache.RemoveAsync(code).ConfigureAwait(false);
            await Task.Delay(SecondRemoval).ConfigureAwait(false);
            await cache.RemoveAsync(code).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRemoveFailed(exception, code);
        }
    }

    // Nothing changes when the subscription is lost: L1 goes on answering. No message can reach this process
    // meanwhile, and the flush once the subscription is back ends whatever went stale. Emptying L1 now, or keeping
    // entries only briefly, would send the outage's scans to the database — to a 503 where the database went with
    // Redis — and put a check on every hit, only to shorten staleness while the outage lasts.
    private static void KeepServing()
    {
    }

    // The first flush, sooner than the one once a probe shows the subscription delivers: a change made while Redis was
    // away is served as soon as the connection is back. It may be followed by a message lost before the
    // re-subscription, which OnSubscriptionBack's flush covers.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        domains.Signal();
        _ = InvalidateAllAsync($"{e.ConnectionType} connection restored");
    }

    private void OnSubscriptionBack()
    {
        domains.Signal();
        _ = InvalidateAllAsync("subscription delivers again");
    }

    private async Task InvalidateAllAsync(string reason)
    {
        try
        {
            await cache.InvalidateAllAsync().ConfigureAwait(false);
            LogInvalidatedAll(reason);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRemoveFailed(exception, "*");
        }
    }

    [LoggerMessage(EventId = 10, EventName = "invalidation_subscribed", Level = LogLevel.Information, Message = "subscribed to {channel}")]
    private partial void LogSubscribed(string channel);

    [LoggerMessage(EventId = 11, EventName = "invalidation_subscribe_failed", Level = LogLevel.Warning, Message = "subscribing to invalidations failed; retrying")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(EventId = 12, EventName = "cache_invalidated_all", Level = LogLevel.Information, Message = "every cached redirect invalidated: {reason}")]
    private partial void LogInvalidatedAll(string reason);

    [LoggerMessage(EventId = 13, EventName = "invalidation_failed", Level = LogLevel.Warning, Message = "invalidating {short_code} failed")]
    private partial void LogRemoveFailed(Exception exception, string short_code);
}
