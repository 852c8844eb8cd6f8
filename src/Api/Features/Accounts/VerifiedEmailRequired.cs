using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts;

/// <summary>
/// Refuses, with 403 <c>email-unverified</c>, any caller whose account has not verified its e-mail address. Put it on
/// every endpoint that hands out a lasting way to act for the account or reaches other people — API keys today,
/// and custom domains, webhooks and invitations when they come — with
/// <c>Options(route => route.AddEndpointFilter&lt;VerifiedEmailRequired&gt;())</c>. Without it, someone who registers
/// another person's address could keep a key that outlives the owner's takeover.
/// </summary>
internal sealed class VerifiedEmailRequired(QrAspireDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var accountId = context.HttpContext.User.AccountId();
        var verified = await db.Accounts.AsNoTracking()
            .AnyAsync(a => a.Id == accountId && a.EmailVerifiedAt != null, context.HttpContext.RequestAborted);
        return verified
            ? await next(context)
            : Problems.Of(403, ProblemTypes.EmailUnverified, "Verify your e-mail address first.",
                "Open the link in the verification mail. If it has expired, ask for a password reset: completing one verifies the address too.").ToResult();
    }
}
