using QrAspire.Platform.Invalidation;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// Keeps this replica's <see cref="ApiKeyCache"/> in step with the others: clears it on every message on
/// <see cref="ApiKeyCache.ChannelName"/>, and lets it keep keys only while the subscription is up.
/// </summary>
internal sealed partial class ApiKeyCacheListener(IConnectionMultiplexer redis, ApiKeyCache cache, ILogger<ApiKeyCacheListener> logger) : BackgroundService
{
    // StackExchange.Redis subscribes again as the connection comes back; a clear published just before that is
    // missed, so the cache is cleared once more a little later.
    private static readonly TimeSpan SecondClear = TimeSpan.FromSeconds(1);

    // Set once the handler is subscribed: before that, no connection event may let the cache keep keys.
    private volatile bool _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await InvalidationSubscription.SubscribeAsync(redis, ApiKeyCache.Channel, (_, _) => cache.Clear(), LogSubscribeFailed, stoppingToken).ConfigureAwait(false);
            _subscribed = true;
            cache.StartListening();
            LogSubscribed(ApiKeyCache.ChannelName);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            cache.StopListening();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => cache.StopListening();

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = ResumeAsync();

    // The subscription comes back with its own connection, which may follow this event by a moment: keys are kept
    // again once it is up (checked each second for a while), and cleared once more after that.
    private async Task ResumeAsync()
    {
        for (var attempt = 0; _subscribed && attempt < 30 && !cache.IsListening; attempt++)
        {
            if (redis.GetSubscriber().IsConnected(ApiKeyCache.Channel))
            {
                cache.StartListening();
                break;
            }

            await Task.Delay(SecondClear).ConfigureAwait(false);
        }

        await Task.Delay(SecondClear).ConfigureAwait(false);
        cache.Clear();
    }

    [LoggerMessage(EventId = 1110, EventName = "api_key_cache_subscribed", Level = LogLevel.Information, Message = "subscribed to {channel}: API keys are cached")]
    private partial void LogSubscribed(string channel);

    [LoggerMessage(EventId = 1111, EventName = "api_key_cache_subscribe_failed", Level = LogLevel.Warning, Message = "subscribing to API key revocations failed; every key is read from the database until it succeeds")]
    private partial void LogSubscribeFailed(Exception exception);
}
