using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using QrAspire.Web.Api;

namespace QrAspire.Web.Sessions;

/// <summary>Signing a browser in and out: the cookie names a server-side session, never a token.</summary>
internal static class ConsoleAuthentication
{
    /// <summary>Starts a session for the tokens the Api gave and sets the cookie.</summary>
    public static async Task SignInAsync(HttpContext context, string email, TokenPair tokens)
    {
        var store = context.RequestServices.GetRequiredService<SessionStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var session = await store.CreateAsync(email, tokens, clock.GetUtcNow());
        var identity = new ClaimsIdentity(
            [new Claim(ConsoleSession.IdClaim, session.Id), new Claim(ClaimTypes.Name, email)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>A cookie whose session is gone (signed out elsewhere, refresh refused) is no sign-in.</summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (await store.FindAsync(context.Principal?.FindFirst(ConsoleSession.IdClaim)?.Value) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary><c>POST /signout</c>: a plain form post (with the antiforgery token), so the cookie can be cleared.</summary>
    public static void MapConsoleAccountEndpoints(this WebApplication app) =>
        app.MapPost("/signout", async (HttpContext context, SessionStore store, AccountsClient accounts) =>
        {
            if (await store.FindAsync(context.User.FindFirst(ConsoleSession.IdClaim)?.Value) is { } session)
            {
                try
                {
                    await accounts.LogoutAsync(session.RefreshToken, context.RequestAborted);
                }
                catch (ApiUnavailableException)
                {
                    // Signed out here regardless; the refresh token expires on its own.
                }

                await store.RemoveAsync(session.Id);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin?signedOut=1");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
}
