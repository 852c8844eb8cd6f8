using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.PasswordResetConfirm;

internal sealed class PasswordResetConfirmEndpoint(QrAspireDbContext db, PasswordHasher hasher, LoginThrottle throttle, ApiKeyRevocations revocations, TimeProvider clock)
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
            s.Description = "The mailed token proves the address, so the address counts as verified from now on. Every credential of the "
                + "account ends: refresh and access tokens (web console sessions too) and API keys. Sign-in throttling for the account starts afresh.";
            s.Responses[204] = "Changed; every session is signed out and every API key revoked.";
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
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.PasswordHash, hash)
            .SetProperty(a => a.EmailVerifiedAt, a => a.EmailVerifiedAt ?? now), ct);
        await Credentials.RevokeAllAsync(db, revocations, accountId, now, ct);
        if (await db.Accounts.Where(a => a.Id == accountId).Select(a => a.NormalizedEmail).FirstOrDefaultAsync(ct) is { } normalized)
        {
            await throttle.ClearAsync(normalized, HttpContext.Connection.RemoteIpAddress);
        }

        await Send.NoContentAsync(ct);
    }
}
