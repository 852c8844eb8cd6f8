namespace QrAspire.Web.Api;

/// <summary>The account endpoints used before a session exists (they send no token), through <see cref="ApiClient"/>.</summary>
public sealed class AccountsClient(ApiClient api)
{
    /// <summary>Creates an account (and its first tokens).</summary>
    public Task<ApiResult<RegisterResponse>> RegisterAsync(string email, string password, CancellationToken ct = default) =>
        api.SendAnonymousAsync<RegisterResponse>(ApiRoutes.Path(ApiRoutes.Register), new RegisterRequest(email, password), ct);

    /// <summary>Signs in.</summary>
    public Task<ApiResult<TokenPair>> LoginAsync(string email, string password, CancellationToken ct = default) =>
        api.SendAnonymousAsync<TokenPair>(ApiRoutes.Path(ApiRoutes.Login), new LoginRequest(email, password), ct);

    /// <summary>Revokes the session's refresh token (and its family).</summary>
    public Task<ApiResult<bool>> LogoutAsync(string refreshToken, CancellationToken ct = default) =>
        api.SendAnonymousAsync<bool>(ApiRoutes.Path(ApiRoutes.Logout), new LogoutRequest(refreshToken), ct);

    /// <summary>Confirms an address with the mailed token.</summary>
    public Task<ApiResult<bool>> VerifyEmailAsync(string token, CancellationToken ct = default) =>
        api.SendAnonymousAsync<bool>(ApiRoutes.Path(ApiRoutes.VerifyEmail), new VerifyEmailRequest(token), ct);

    /// <summary>Asks for a reset e-mail (always accepted).</summary>
    public Task<ApiResult<bool>> RequestPasswordResetAsync(string email, CancellationToken ct = default) =>
        api.SendAnonymousAsync<bool>(ApiRoutes.Path(ApiRoutes.PasswordReset), new PasswordResetRequest(email), ct);

    /// <summary>Sets a new password with the mailed token.</summary>
    public Task<ApiResult<bool>> ResetPasswordAsync(string token, string password, CancellationToken ct = default) =>
        api.SendAnonymousAsync<bool>(ApiRoutes.Path(ApiRoutes.PasswordResetConfirm), new PasswordResetConfirmRequest(token, password), ct);
}
