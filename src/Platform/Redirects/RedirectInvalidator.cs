using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace QrAspire.Platform.Redirects;

/// <summary>
/// Tells every Redirector that a short code changed, after the change is committed. When Redis is away the code is
/// kept and retried every second until a publish succeeds, so a change is never silently left stale (an Api that
/// stops before Redis returns loses its retries: the Redirector's short L2 lifetime bounds the staleness then).
/// </summary>
public sealed partial class RedirectInvalidator(IConnectionMultiplexer redis, ILogger<RedirectInvalidator> logger) : BackgroundService
{
    private readonly Channel<string> _retries = Channel.CreateUnbounded<string>();

    /// <summary>Publishes that <paramref name="shortCode"/> changed; when Redis is away, keeps it to retry in the background.</summary>
    public async Task PublishAsync(string shortCode)
    {
        try
        {
            await RedirectInvalidation.PublishAsync(redis, shortCode).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRetrying(logger, shortCode, exception);
            _retries.Writer.TryWrite(shortCode);
        }
    }

    /// <summary>Retries the kept codes, once a second each, until a publish succeeds or the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var code in _retries.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RedirectInvalidation.PublishAsync(redis, code).ConfigureAwait(false);
                    break;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(EventId = 3000, EventName = "invalidation_retry", Level = LogLevel.Warning, Message = "could not publish the change of {short_code}; retrying until Redis answers")]
    private static partial void LogRetrying(ILogger logger, string short_code, Exception exception);
}
