using Microsoft.Extensions.Diagnostics.HealthChecks;
using QrAspire.Platform.Settings;
using StackExchange.Redis;

namespace QrAspire.Platform.Connections;

/// <summary>Ready when Redis answers PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisSettings settings) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{settings.Description} ({latency.TotalMilliseconds:0.0} ms)");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy($"{settings.Description}: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
