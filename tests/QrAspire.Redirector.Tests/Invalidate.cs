using Microsoft.Extensions.Logging.Abstractions;
using QrAspire.Platform.Redirects;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>Publishes a change the way the Api does after its commit: through <see cref="RedirectInvalidator"/>.</summary>
internal static class Invalidate
{
    public static Task PublishAsync(IConnectionMultiplexer redis, string message) =>
        new RedirectInvalidator(redis, NullLogger<RedirectInvalidator>.Instance).PublishAsync(message);
}
