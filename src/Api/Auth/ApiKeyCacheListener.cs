using QrAspire.Platform.Invalidation;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// Keeps this replica's <see cref="ApiKeyCache"/> in step with the others: clears it on every message on
/// <see cref="ApiKeyCache.ChannelName"/>, and lets it keep keys only while the subscription is up (starting to keep
/// them clears it, so nothing cached before a gap in the subscription outlives it). When the subscription counts as
/// up is <see cref="InvalidationSubscription.WatchAsync"/>'s rule.
/// </summary>
internal sealed partial class ApiKeyCacheListener(IConnectionMultiplexer redis, ApiKeyCache cache, ILogger<ApiKeyCacheListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InvalidationSubscription.SubscribeAsync(redis, ApiKeyCache.Channel, (_, _) => cache.Clear(), LogSubscribeFailed, stoppingToken).ConfigureAwait(false);
            LogSubscribed(ApiKeyCache.ChannelName);
            await InvalidationSubscription.WatchAsync(redis, ApiKeyCache.Channel, cache.StopListening, cache.StartListening, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            cache.StopListening();
        }
    }

    [LoggerMessage(EventId = 1110, EventName = "api_key_cache_subscribed", Level = LogLevel.Information, Message = "subscribed to {channel}: API keys are cached once a probe shows the subscription delivers")]
    private partial void LogSubscribed(string channel);

    [LoggerMessage(EventId = 1111, EventName = "api_key_cache_subscribe_failed", Level = LogLevel.Warning, Message = "subscribing to API key revocations failed; every key is read from the database until it succeeds")]
    private partial void LogSubscribeFailed(Exception exception);
}
