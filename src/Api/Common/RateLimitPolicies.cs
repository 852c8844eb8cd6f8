namespace QrAspire.Api.Common;

/// <summary>Names of the rate-limit policies endpoints opt into (the global limiter applies to every request).</summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-up, sign-in, refresh, e-mail tokens: per client address.</summary>
    public const string Auth = "auth";

    /// <summary>Rendering without saving: per client address when anonymous, per caller otherwise.</summary>
    public const string Render = "render";
}
