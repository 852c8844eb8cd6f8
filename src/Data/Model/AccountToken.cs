namespace QrAspire.Data.Model;

/// <summary>A single-use, expiring token mailed to the account owner (e-mail verification, password reset).</summary>
public sealed class AccountToken
{
    /// <summary>Row id.</summary>
    public required string Id { get; init; }

    /// <summary>The account it acts on.</summary>
    public required string AccountId { get; init; }

    /// <summary>What it is for.</summary>
    public required AccountTokenPurpose Purpose { get; init; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>After this instant (UTC) it is refused.</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>When it was used; a used token is refused.</summary>
    public DateTime? UsedAt { get; set; }
}

/// <summary>What an <see cref="AccountToken"/> is for.</summary>
public enum AccountTokenPurpose
{
    /// <summary>Proves the account owns its e-mail address.</summary>
    EmailVerification = 0,

    /// <summary>Lets the owner choose a new password.</summary>
    PasswordReset = 1,
}
