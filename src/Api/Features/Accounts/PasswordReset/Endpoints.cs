using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.PasswordReset;

internal sealed class PasswordResetValidator : Validator<PasswordResetRequest>
{
    public PasswordResetValidator() => RuleFor(r => r.Email).NotEmpty().WithErrorCode("email_required").MaximumLength(320);
}

internal sealed class PasswordResetConfirmValidator : Validator<PasswordResetConfirmRequest>
{
    public PasswordResetConfirmValidator()
    {
        RuleFor(r => r.Token).NotEmpty().WithErrorCode("token_required").MaximumLength(200);
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("password_required")
            .Length(10, 128).WithErrorCode("password_length").WithMessage("Use 10 to 128 characters.");
    }
}

internal sealed class PasswordResetEndpoint(QrAspireDbContext db, TimeProvider clock) : Endpoint<PasswordResetRequest>
{
    public override void Configure()
    {
        Post(ApiRoutes.PasswordReset);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Ask for a password-reset e-mail";
            s.Description = "Always 202, whether or not the address has an account, so addresses can't be probed.";
            s.Responses[202] = "If the address has an account, a reset link is on its way (valid 1 hour).";
        });
    }

    public override async Task HandleAsync(PasswordResetRequest request, CancellationToken ct)
    {
        var normalized = Emails.Normalize(request.Email);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
        if (account is not null)
        {
            AccountTokens.AddWithMail(db, account, AccountTokenPurpose.PasswordReset, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }

        await Send.ResponseAsync(new { }, 202, ct);
    }
}

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
            await AccountTokens.Invalid().WriteAsync(HttpContext);
            return;
        }

        var hash = hasher.Hash(request.Password);
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, hash), ct);
        await refresh.RevokeAllAsync(accountId, ct);
        await Send.NoContentAsync(ct);
    }
}
