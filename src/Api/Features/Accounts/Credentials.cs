using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts;

/// <summary>
/// Ends everything that can act for an account: its refresh tokens (and with them every web console session, which
/// holds one), its API keys, and its access tokens (refused from now on: see <see cref="Auth.AccessTokenRevocation"/>).
/// Used when a password reset or an e-mail verification proves who owns the address, so that whoever registered it
/// first keeps nothing.
/// </summary>
internal static class Credentials
{
    public static async Task RevokeAllAsync(QrAspireDbContext db, ApiKeyRevocations revocations, string accountId, DateTime now, CancellationToken cancellationToken)
    {
        await db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CredentialsRevokedAt, now), cancellationToken);
        await db.RefreshTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var keys = await db.ApiKeys.Where(k => k.CreatedBy == accountId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        if (keys > 0)
        {
            await revocations.CommittedAsync();
        }
    }
}
