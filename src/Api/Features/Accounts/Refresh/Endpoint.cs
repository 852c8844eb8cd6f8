using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;

namespace QrAspire.Api.Features.Accounts.Refresh;

internal sealed class RefreshEndpoint(AccessTokens access, RefreshTokens refresh) : Endpoint<RefreshRequest, TokenPair>
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
            s.Responses[401] = "The refresh token is unknown, expired, revoked or was already used.";
        });
    }

    public override async Task HandleAsync(RefreshRequest request, CancellationToken ct)
    {
        if (await refresh.RotateAsync(request.RefreshToken, ct) is not { } rotated)
        {
            await Send.ResultAsync(Problems.Of(401, ProblemTypes.InvalidRefreshToken, "The refresh token is not valid.", "Sign in again.").ToResult());
            return;
        }

        await Send.OkAsync(Sessions.Pair(access, rotated.AccountId, rotated.Token), ct);
    }
}
