namespace QrAspire.Web.Sessions;

/// <summary>A signed-in browser's Api tokens, kept on the server; the browser only holds <see cref="Id"/> in its cookie.</summary>
public sealed record ConsoleSession(string Id, string Email, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken)
{
    /// <summary>The claim in the cookie that names the session.</summary>
    public const string IdClaim = "qraspire:session";

    /// <summary>True when the access token should be refreshed before use (less than 30 seconds left).</summary>
    public bool AccessTokenExpiring(DateTimeOffset now) => AccessTokenExpiresAt - now < TimeSpan.FromSeconds(30);

    /// <summary>The workspace the console acts in (sent as the <c>QrAspire-Workspace</c> header); null for the personal one.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>That workspace's name, for the message shown if its membership ends.</summary>
    public string? WorkspaceName { get; init; }

    /// <summary>A message for the next page (e.g. "You are no longer a member of …"), shown once.</summary>
    public string? Notice { get; init; }
}
