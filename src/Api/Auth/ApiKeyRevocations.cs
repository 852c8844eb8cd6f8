using QrAspire.Platform.Invalidation;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// What every path that ends an API key calls after its commit: this replica's <see cref="ApiKeyCache"/> forgets
/// every key now, and every other replica's when the published clear arrives (retried until Redis answers).
/// </summary>
internal sealed class ApiKeyRevocations(ApiKeyCache cache, IConnectionMultiplexer redis, ILogger<ApiKeyRevocations> logger)
    : InvalidationPublisher(redis, ApiKeyCache.Channel, logger)
{
    public Task CommittedAsync()
    {
        cache.Clear();
        return PublishAsync(ApiKeyCache.ClearAll);
    }
}
