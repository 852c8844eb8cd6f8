using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts.Refresh;

internal sealed class RefreshEndpoint(QrAspireDbContext db, AccessTokens access, RefreshTokens refresh, UnverifiedAccounts unverified, TimeProvider clock)
    : Endpoint<RefreshRequest, TokenPair>
{
    public override void Configure()
    {
        Post(ApiRoutes.Refresh);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Exchange a refresh token for a new pair";
            s.Description = "Refresh tokens rotate: each works once. Presenting a used one signs out that whole session family.";
            s.Responses[200] = "A new access token and a new refresh token.";
            s.Responses[401] = "The refresh token is unknown, expired, revoked or was already used, or its account has expired unverified.";
        });
    }

    public override async Task HandleAsync(RefreshRequest request, CancellationToken ct)
    {
        if (await refresh.RotateAsync(request.RefreshToken, ct) is not { } rotated
            || await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == rotated.AccountId, ct) is not { } account
            || unverified.HasExpired(account, clock.GetUtcNow().UtcDateTime))
        {
            await Send.ResultAsync(Problems.Of(401, ProblemTypes.InvalidRefreshToken, "The refresh token is not valid.", "Sign in again.").ToResult());
            return;
        }

        await Send.OkAsync(Sessions.Pair(access, account, rotated.Token), ct);
    }
}
