using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.VerifyEmail;

internal sealed class VerifyEmailEndpoint(QrAspireDbContext db, ApiKeyRevocations revocations, TimeProvider clock) : Endpoint<VerifyEmailRequest>
{
    public override void Configure()
    {
        Post(ApiRoutes.VerifyEmail);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Confirm an e-mail address with the token mailed to it";
            s.Description = "Verifying ends every credential issued before it (refresh and access tokens, web console sessions, API keys): "
                + "whoever registered the address before its owner confirmed it keeps nothing. Sign in again afterwards.";
            s.Responses[204] = "Verified; every earlier session is signed out.";
            s.Responses[400] = "The token is unknown, expired or already used.";
        });
    }

    public override async Task HandleAsync(VerifyEmailRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await AccountTokens.ConsumeAsync(db, request.Token, AccountTokenPurpose.EmailVerification, now, ct) is not { } accountId)
        {
            await Send.ResultAsync(AccountTokens.Invalid().ToResult());
            return;
        }

        var verified = await db.Accounts.Where(a => a.Id == accountId && a.EmailVerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerifiedAt, now), ct);
        if (verified == 1)
        {
            await Credentials.RevokeAllAsync(db, revocations, accountId, now, ct);
        }

        await Send.NoContentAsync(ct);
    }
}
