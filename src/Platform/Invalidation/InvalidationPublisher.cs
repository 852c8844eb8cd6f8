using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace QrAspire.Platform.Invalidation;

/// <summary>
/// Publishes on one Redis pub/sub channel that something every replica caches has changed, after the change is
/// committed. When Redis is away the message is kept and retried every second until a publish succeeds, so a change
/// is never silently left stale (a process that stops before Redis returns loses its retries: each cache's own
/// lifetime bounds the staleness then).
/// </summary>
public abstract partial class InvalidationPublisher(IConnectionMultiplexer redis, RedisChannel channel, ILogger logger) : BackgroundService
{
    private readonly Channel<string> _retries = Channel.CreateUnbounded<string>();

    /// <summary>Publishes <paramref name="message"/>; when Redis is away, keeps it to retry in the background.</summary>
    public async Task PublishAsync(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, message).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRetrying(logger, message, channel.ToString(), exception);
            _retries.Writer.TryWrite(message);
        }
    }

    /// <summary>Retries the kept messages, once a second each, until a publish succeeds or the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _retries.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await redis.GetSubscriber().PublishAsync(channel, message).ConfigureAwait(false);
                    break;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(EventId = 3000, EventName = "invalidation_retry", Level = LogLevel.Warning, Message = "could not publish {message} on {channel}; retrying until Redis answers")]
    private static partial void LogRetrying(ILogger logger, string message, string channel, Exception exception);
}
