using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using QrAspire.Web.Sessions;

namespace QrAspire.Web.Api;

/// <summary>
/// Which console session the current request or circuit belongs to: the HTTP request's user during a request
/// (static pages, downloads), the circuit's authentication state in an interactive page.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, AuthenticationStateProvider authentication)
{
    /// <summary>The session id from the cookie's claims, or null when signed out.</summary>
    public async Task<string?> SessionIdAsync()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user)
        {
            return SessionOf(user);
        }

        try
        {
            var state = await authentication.GetAuthenticationStateAsync();
            return SessionOf(state.User);
        }
        catch (InvalidOperationException)
        {
            return null; // outside a component render, with no signed-in request either
        }
    }

    /// <summary>
    /// The <c>X-Forwarded-For</c> to send the Api while serving a browser's HTTP request (form posts, static pages,
    /// downloads): the hops that reached the console, then the browser's own address; null inside a circuit.
    /// </summary>
    public string? ForwardedFor()
    {
        if (http.HttpContext is not { Connection.RemoteIpAddress: { } peer } context)
        {
            return null;
        }

        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        var incoming = context.Request.Headers["X-Forwarded-For"].ToString();
        return incoming.Length == 0 ? address.ToString() : $"{incoming}, {address}";
    }

    private static string? SessionOf(ClaimsPrincipal user) => user.FindFirst(ConsoleSession.IdClaim)?.Value;
}
