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

    private static string? SessionOf(ClaimsPrincipal user) => user.FindFirst(ConsoleSession.IdClaim)?.Value;
}
