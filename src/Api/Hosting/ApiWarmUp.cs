using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using StackExchange.Redis;

namespace QrAspire.Api.Hosting;

/// <summary>
/// Builds the EF Core model, compiles the sign-in lookup, opens a pooled database connection and connects Redis
/// before Kestrel listens. Hosted services start before the server, so readiness (<c>/health</c>) is reported only
/// once the first real request no longer pays seconds of cold start — after a rollout the first sign-ups would
/// otherwise hit the console's 10-second attempt timeout. Bounded: a database or Redis that does not answer within
/// <see cref="Bound"/> is left to the readiness checks, and the Api starts anyway.
/// </summary>
internal sealed partial class ApiWarmUp(IServiceScopeFactory scopes, ILogger<ApiWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            await db.Accounts.AsNoTracking().AnyAsync(account => account.NormalizedEmail == string.Empty, bound.Token);
            await scope.ServiceProvider.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync();
            LogWarm(logger, Math.Round(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCold(logger, exception.GetType().Name, exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up in {duration_ms} ms")]
    private static partial void LogWarm(ILogger logger, double duration_ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up did not finish ({error}: {message}); starting cold")]
    private static partial void LogCold(ILogger logger, string error, string message);
}
