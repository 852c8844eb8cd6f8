using System.Globalization;
using System.Threading.RateLimiting;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Fixed one-minute windows, partitioned by API key, else user, else client address. Limits come from
/// <c>RateLimits:*</c> (requests per minute): Authenticated 600, Anonymous 120, Auth 30, AnonymousRender 20.
/// A refused request gets 429 problem+json with <c>Retry-After</c>.
/// </summary>
internal static class RateLimitExtensions
{
    public static void AddApiRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits");
        int Limit(string name, int fallback) => limits.GetValue(name, fallback);
        var authenticated = Limit("Authenticated", 600);
        var anonymous = Limit("Anonymous", 120);
        var auth = Limit("Auth", 30);
        var anonymousRender = Limit("AnonymousRender", 20);

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var caller = Caller(context);
                return Window(caller, caller.StartsWith("ip:", StringComparison.Ordinal) ? anonymous : authenticated);
            });
            options.AddPolicy(RateLimitPolicies.Auth, context => Window("auth:" + Address(context), auth));
            options.AddPolicy(RateLimitPolicies.Render, context =>
            {
                var caller = Caller(context);
                return Window("render:" + caller, caller.StartsWith("ip:", StringComparison.Ordinal) ? anonymousRender : authenticated);
            });
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.RateLimited(retryAfter).ToResult().ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string Caller(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            return user.FindFirst(ApiScopes.ApiKeyClaim)?.Value is { } key ? "key:" + key : "user:" + user.AccountId();
        }

        return "ip:" + Address(context);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
