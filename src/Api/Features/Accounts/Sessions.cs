using QrAspire.Api.Auth;

namespace QrAspire.Api.Features.Accounts;

internal static class Sessions
{
    public static async Task<TokenPair> StartAsync(AccessTokens access, RefreshTokens refresh, string accountId, CancellationToken cancellationToken) =>
        Pair(access, accountId, await refresh.IssueAsync(accountId, null, cancellationToken));

    public static TokenPair Pair(AccessTokens access, string accountId, string refreshToken) =>
        new(access.Issue(accountId), "Bearer", (int)access.Lifetime.TotalSeconds, refreshToken);
}
