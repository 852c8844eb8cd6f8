using System.Threading.RateLimiting;

namespace QrAspire.Api.Middleware;

/// <summary>
/// The fallback while Redis is away: the same budgets, counted by this process alone in one-minute fixed windows.
/// With N replicas a client may then get up to N times its budget — the limits still bound every replica, and the
/// Api keeps answering.
/// </summary>
internal sealed class LocalRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<RateLimitBudget> _limiter = PartitionedRateLimiter.Create<RateLimitBudget, RateLimitBudget>(budget =>
        RateLimitPartition.GetFixedWindowLimiter(budget, b => new FixedWindowRateLimiterOptions
        {
            PermitLimit = b.Limit,
            Window = SharedRateLimits.Window,
            QueueLimit = 0,
        }));

    /// <summary>Takes one request from each budget: <see cref="TimeSpan.Zero"/> when all had room, else the wait.</summary>
    public TimeSpan TryTake(IReadOnlyList<RateLimitBudget> budgets)
    {
        var wait = TimeSpan.Zero;
        foreach (var budget in budgets)
        {
            using var lease = _limiter.AttemptAcquire(budget);
            if (!lease.IsAcquired)
            {
                var left = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : SharedRateLimits.Window;
                wait = left > wait ? left : wait;
            }
        }

        return wait;
    }

    public void Dispose() => _limiter.Dispose();
}
