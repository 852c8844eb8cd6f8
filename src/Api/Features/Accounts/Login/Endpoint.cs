using System.Globalization;
using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts.Login;

internal sealed class LoginEndpoint(
    QrAspireDbContext db, PasswordHasher hasher, AccessTokens access, RefreshTokens refresh, LoginThrottle throttle, UnverifiedAccounts unverified, AuditTrail audit, TimeProvider clock)
    : Endpoint<LoginRequest, TokenPair>
{
    public override void Configure()
    {
        Post(ApiRoutes.Login);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Sign in";
            s.ExampleRequest = new LoginRequest("ada@example.com", "correct horse battery");
            s.Responses[200] = "An access token (15 minutes) and a refresh token.";
            s.Responses[401] = "Wrong e-mail or password.";
            s.Responses[403] = "The account was never verified and has expired (account-expired); register again.";
            s.Responses[429] = "Too many attempts for this account from this address, or from this address; see Retry-After.";
        });
    }

    public override async Task HandleAsync(LoginRequest request, CancellationToken ct)
    {
        var normalized = Emails.Normalize(request.Email);
        var address = HttpContext.Connection.RemoteIpAddress;
        if (await throttle.TryBeginAsync(normalized, address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Send.ResultAsync(Problems.RateLimited(seconds).ToResult());
            return;
        }

        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
        var valid = account is not null ? hasher.Verify(request.Password, account.PasswordHash) : Fake(request.Password);
        if (!valid || account is null)
        {
            await Send.ResultAsync(Problems.Of(401, ProblemTypes.InvalidCredentials, "Wrong e-mail or password.").ToResult());
            return;
        }

        await throttle.SucceededAsync(normalized, address);
        if (unverified.HasExpired(account, clock.GetUtcNow().UtcDateTime))
        {
            await Send.ResultAsync(Problems.Of(403, ProblemTypes.AccountExpired, "This account has expired.",
                "Its e-mail address was never verified. Register again with the same address.").ToResult());
            return;
        }

        await audit.SignedInAsync(account.Id, ct); // saved with the session's refresh token
        await Send.OkAsync(await Sessions.StartAsync(access, refresh, account, ct), ct);
    }

    private bool Fake(string password)
    {
        hasher.VerifyNothing(password);
        return false;
    }
}
