using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.PasswordResetConfirm;

internal sealed class PasswordResetConfirmEndpoint(QrAspireDbContext db, PasswordHasher hasher, RefreshTokens refresh, TimeProvider clock)
    : Endpoint<PasswordResetConfirmRequest>
{
    public override void Configure()
    {
        Post(ApiRoutes.PasswordResetConfirm);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Set a new password with the mailed token";
            s.Responses[204] = "Changed; every session of the account is signed out.";
            s.Responses[400] = "The token is unknown, expired or already used, or the password is too short.";
        });
    }

    public override async Task HandleAsync(PasswordResetConfirmRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await AccountTokens.ConsumeAsync(db, request.Token, AccountTokenPurpose.PasswordReset, now, ct) is not { } accountId)
        {
            await Send.ResultAsync(AccountTokens.Invalid().ToResult());
            return;
        }

        var hash = hasher.Hash(request.Password);
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, hash), ct);
        await refresh.RevokeAllAsync(accountId, ct);
        await Send.NoContentAsync(ct);
    }
}
