using System.Globalization;
using QrAspire.Api.Common;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Applies the rate limits after authentication (so an account is known) and before the endpoint: counted in Redis,
/// shared by every replica (<see cref="SharedRateLimits"/>), or by this process while Redis is away
/// (<see cref="LocalRateLimits"/>: the Api stays up, each replica still limited). A refused request gets 429
/// problem+json with <c>Retry-After</c> in whole seconds.
/// </summary>
internal sealed class RateLimits(RequestDelegate next, RateLimitSettings limits, SharedRateLimits shared, LocalRateLimits local)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var budgets = RateLimitBudget.For(context, limits);
        var wait = await shared.TryTakeAsync(budgets) ?? local.TryTake(budgets);
        if (wait <= TimeSpan.Zero)
        {
            await next(context);
            return;
        }

        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.RateLimited(seconds).ToResult().ExecuteAsync(context);
    }
}
