using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.PasswordReset;

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
