using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.RateLimiting;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;

namespace QrAspire.Api.Middleware;

/// <summary>One budget a request draws on: who pays (<paramref name="Key"/>) and how many requests a minute it holds.</summary>
internal readonly record struct RateLimitBudget(string Key, int Limit)
{
    /// <summary>
    /// The budgets of <paramref name="context"/>: every request draws on its caller's (the account — every API key and
    /// session of it together — or, anonymous, the client's network); an endpoint that names a policy draws on that
    /// policy's budget too.
    /// </summary>
    public static RateLimitBudget[] For(HttpContext context, RateLimitSettings limits)
    {
        var user = context.User;
        var anonymous = user.Identity?.IsAuthenticated != true;
        var caller = anonymous ? "net:" + Network(context.Connection.RemoteIpAddress) : "acct:" + user.AccountId();
        RateLimitBudget all = new("all:" + caller, anonymous ? limits.Anonymous : limits.Authenticated);
        return context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
        {
            RateLimitPolicies.Auth => [all, new("auth:net:" + Network(context.Connection.RemoteIpAddress), limits.Auth)],
            RateLimitPolicies.Render => [all, new("render:" + caller, anonymous ? limits.AnonymousRender : limits.Authenticated)],
            _ => [all],
        };
    }

    /// <summary>
    /// The network a client address is counted in: an IPv4 address alone, an IPv6 address by its /64 — one
    /// subscriber usually holds a whole /64, so counting single IPv6 addresses would give each of them 2^64 budgets.
    /// </summary>
    public static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
