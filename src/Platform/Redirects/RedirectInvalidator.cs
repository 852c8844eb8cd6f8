using Microsoft.Extensions.Logging;
using QrAspire.Platform.Invalidation;
using StackExchange.Redis;

namespace QrAspire.Platform.Redirects;

/// <summary>
/// Tells every Redirector that a short code changed (<see cref="RedirectInvalidation"/>), after the change is
/// committed; a publish that fails is retried until Redis answers, and the Redirector's short L2 lifetime bounds the
/// staleness of one that never goes out.
/// </summary>
public sealed class RedirectInvalidator(IConnectionMultiplexer redis, ILogger<RedirectInvalidator> logger)
    : InvalidationPublisher(redis, RedirectInvalidation.Channel, logger);
