using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;

namespace QrAspire.Api.Auth;

/// <summary>
/// Refuses an access token issued before its account's last credential revocation (password reset, e-mail
/// verification), or for an account that is gone. Without it a revoked session would keep working until its access
/// token expired (up to <c>JWT_EXPIRY_MINUTES</c>). Costs one primary-key read per request signed with a token, as
/// an API key already does.
/// </summary>
internal static class AccessTokenRevocation
{
    public static async Task CheckAsync(TokenValidatedContext context)
    {
        var accountId = context.Principal?.FindFirst("sub")?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<QrAspireDbContext>();
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.CredentialsRevokedAt }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Fail("the account no longer exists");
            return;
        }

        var issuedUnder = context.Principal?.FindFirst(AccessTokens.CredentialsClaim)?.Value;
        if (!string.Equals(issuedUnder, AccessTokens.CredentialsStamp(account.CredentialsRevokedAt), StringComparison.Ordinal))
        {
            context.Fail("the account's credentials were revoked after this token was issued");
        }
    }
}
