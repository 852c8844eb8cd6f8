using System.Globalization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Requests per minute from <c>RateLimits:*</c>: <c>Authenticated</c> (per account, 600), <c>Anonymous</c> (per
/// client address, 120), <c>Auth</c> (sign-up, sign-in, refresh and e-mail tokens per client address, 30) and
/// <c>AnonymousRender</c> (anonymous <c>/render</c> per client address, 20). Each must be a whole number from 1 to
/// 10,000,000.
/// </summary>
internal sealed record RateLimitSettings(int Authenticated, int Anonymous, int Auth, int AnonymousRender)
{
    public static RateLimitSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        int Limit(string name, int fallback)
        {
            var raw = section[name];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }

            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000_000
                ? value
                : throw new SettingsException($"RateLimits:{name}", $"must be a whole number of requests per minute from 1 to 10000000, got '{raw}'");
        }

        return new RateLimitSettings(Limit("Authenticated", 600), Limit("Anonymous", 120), Limit("Auth", 30), Limit("AnonymousRender", 20));
    }
}
