namespace QrAspire.Api.Middleware;

/// <summary>
/// Rate limits per account (every API key and session of it together), per client address (IPv6 by /64) when
/// anonymous, and per policy an endpoint names (<c>RequireRateLimiting</c>): see <see cref="RateLimitSettings"/> for
/// the numbers and <see cref="RateLimits"/> for how they are counted.
/// </summary>
internal static class RateLimitExtensions
{
    public static void AddApiRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(RateLimitSettings.From(builder.Configuration));
        builder.Services.AddSingleton<SharedRateLimits>();
        builder.Services.AddSingleton<LocalRateLimits>();
    }

    public static IApplicationBuilder UseApiRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimits>();
}
