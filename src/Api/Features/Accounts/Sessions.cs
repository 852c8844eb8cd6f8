using QrAspire.Api.Auth;

namespace QrAspire.Api.Features.Accounts;

/// <summary>An access token and a refresh token, as every sign-in, refresh and registration returns them.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

internal static class Sessions
{
    public static async Task<TokenPair> StartAsync(AccessTokens access, RefreshTokens refresh, string accountId, CancellationToken cancellationToken) =>
        Pair(access, accountId, await refresh.IssueAsync(accountId, null, cancellationToken));

    public static TokenPair Pair(AccessTokens access, string accountId, string refreshToken) =>
        new(access.Issue(accountId), "Bearer", (int)access.Lifetime.TotalSeconds, refreshToken);
}
