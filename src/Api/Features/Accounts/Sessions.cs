using QrAspire.Api.Auth;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts;

internal static class Sessions
{
    /// <summary>Signs <paramref name="account"/> in (as read from the database, so its revocation stamp is the stored one).</summary>
    public static async Task<TokenPair> StartAsync(AccessTokens access, RefreshTokens refresh, Account account, CancellationToken cancellationToken) =>
        Pair(access, account, await refresh.IssueAsync(account.Id, null, cancellationToken));

    public static TokenPair Pair(AccessTokens access, Account account, string refreshToken) =>
        new(access.Issue(account.Id, account.CredentialsRevokedAt), "Bearer", (int)access.Lifetime.TotalSeconds, refreshToken);
}
