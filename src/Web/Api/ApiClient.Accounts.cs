namespace QrAspire.Web.Api;

// Endpoints used before a session exists: they send no token.
public sealed partial class ApiClient
{
    /// <summary>Creates an account (and its first tokens).</summary>
    public Task<ApiResult<RegisterResult>> RegisterAsync(string email, string password, CancellationToken ct = default) =>
        AnonymousAsync<RegisterResult>("/api/v1/auth/register", new { email, password }, ct);

    /// <summary>Signs in.</summary>
    public Task<ApiResult<TokenPair>> LoginAsync(string email, string password, CancellationToken ct = default) =>
        AnonymousAsync<TokenPair>("/api/v1/auth/login", new { email, password }, ct);

    /// <summary>Revokes the session's refresh token (and its family).</summary>
    public Task<ApiResult<bool>> LogoutAsync(string refreshToken, CancellationToken ct = default) =>
        AnonymousAsync<bool>("/api/v1/auth/logout", new { refreshToken }, ct);

    /// <summary>Confirms an address with the mailed token.</summary>
    public Task<ApiResult<bool>> VerifyEmailAsync(string token, CancellationToken ct = default) =>
        AnonymousAsync<bool>("/api/v1/auth/verify-email", new { token }, ct);

    /// <summary>Asks for a reset e-mail (always accepted).</summary>
    public Task<ApiResult<bool>> RequestPasswordResetAsync(string email, CancellationToken ct = default) =>
        AnonymousAsync<bool>("/api/v1/auth/password-reset", new { email }, ct);

    /// <summary>Sets a new password with the mailed token.</summary>
    public Task<ApiResult<bool>> ResetPasswordAsync(string token, string password, CancellationToken ct = default) =>
        AnonymousAsync<bool>("/api/v1/auth/password-reset/confirm", new { token, password }, ct);

    private async Task<ApiResult<T>> AnonymousAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) },
            null, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ErrorOf(response, ct));
        }

        // 202/204 carry nothing the console needs; bool results just say "done".
        if (typeof(T) == typeof(bool))
        {
            return new((T)(object)true, null);
        }

        return new(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
    }
}
