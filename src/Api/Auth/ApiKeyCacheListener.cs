using QrAspire.Platform.Invalidation;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// Keeps this replica's <see cref="ApiKeyCache"/> in step with the others: clears it on every message on
/// <see cref="ApiKeyCache.ChannelName"/>, and lets it keep keys only while the subscription is up (starting to keep
/// them clears it, so nothing cached before a gap in the subscription outlives it).
/// </summary>
internal sealed partial class ApiKeyCacheListener(IConnectionMultiplexer redis, ApiKeyCache cache, ILogger<ApiKeyCacheListener> logger) : BackgroundService
{
    // How often the subscription's state is looked at. Keys are kept again only once it has been up at two looks in
    // a row: StackExchange.Redis reports the connection before it has subscribed on it again, and a clear published
    // in that moment would be missed. Connection events alone cannot say this: the two connections fail and come back
    // separately, and their events arrive in any order.
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        try
        {
            await InvalidationSubscription.SubscribeAsync(redis, ApiKeyCache.Channel, (_, _) => cache.Clear(), LogSubscribeFailed, stoppingToken).ConfigureAwait(false);
            LogSubscribed(ApiKeyCache.ChannelName);
            var subscriber = redis.GetSubscriber();
            var wasUp = true;
            using var looks = new PeriodicTimer(Look);
            do
            {
                var up = subscriber.IsConnected(ApiKeyCache.Channel);
                if (!up)
                {
                    cache.StopListening();
                }
                else if (wasUp && !cache.IsListening)
                {
                    cache.StartListening();
                }

                wasUp = up;
            }
            while (await looks.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            cache.StopListening();
        }
    }

    // At once, not at the next look: a clear published from now on may not arrive.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => cache.StopListening();

    [LoggerMessage(EventId = 1110, EventName = "api_key_cache_subscribed", Level = LogLevel.Information, Message = "subscribed to {channel}: API keys are cached")]
    private partial void LogSubscribed(string channel);

    [LoggerMessage(EventId = 1111, EventName = "api_key_cache_subscribe_failed", Level = LogLevel.Warning, Message = "subscribing to API key revocations failed; every key is read from the database until it succeeds")]
    private partial void LogSubscribeFailed(Exception exception);
}
