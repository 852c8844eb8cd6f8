namespace QrAspire.Web.Sessions;

/// <summary>A signed-in browser's Api tokens, kept on the server; the browser only holds <see cref="Id"/> in its cookie.</summary>
public sealed record ConsoleSession(string Id, string Email, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken)
{
    /// <summary>The claim in the cookie that names the session.</summary>
    public const string IdClaim = "qraspire:session";

    /// <summary>True when the access token should be refreshed before use (less than 30 seconds left).</summary>
    public bool AccessTokenExpiring(DateTimeOffset now) => AccessTokenExpiresAt - now < TimeSpan.FromSeconds(30);
}
