namespace QrAspire.Contracts;

/// <remarks>Create an account.</remarks>
public sealed record RegisterRequest(string Email, string Password);

/// <remarks>An account as the Api shows it.</remarks>
public sealed record AccountResponse(string Id, string Email, bool EmailVerified, DateTime CreatedAt);

/// <remarks>What registering returns: the account and its first tokens.</remarks>
public sealed record RegisterResponse(AccountResponse Account, TokenPair Tokens);

/// <remarks>Sign in.</remarks>
public sealed record LoginRequest(string Email, string Password);

/// <summary>An access token and a refresh token, as every sign-in, refresh and registration returns them.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

/// <remarks>Exchange a refresh token for new tokens.</remarks>
public sealed record RefreshRequest(string RefreshToken);

/// <remarks>Revoke a refresh token (and its family).</remarks>
public sealed record LogoutRequest(string RefreshToken);

/// <remarks>Confirm an address with the mailed token.</remarks>
public sealed record VerifyEmailRequest(string Token);

/// <remarks>Ask for a password-reset e-mail.</remarks>
public sealed record PasswordResetRequest(string Email);

/// <remarks>Set a new password with the mailed token.</remarks>
public sealed record PasswordResetConfirmRequest(string Token, string Password);
