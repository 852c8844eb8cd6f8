namespace QrAspire.Data.Model;

/// <summary>A person who signs in and owns QR codes.</summary>
public sealed class Account
{
    /// <summary>Public id, <c>usr_</c> followed by random base62.</summary>
    public required string Id { get; init; }

    /// <summary>E-mail address as typed; <see cref="NormalizedEmail"/> is what is unique.</summary>
    public required string Email { get; set; }

    /// <summary>The e-mail's identity key (<see cref="EmailAddresses.Normalize"/>): unique, what sign-in compares.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>The password hash with its algorithm and parameters (never the password).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>When the e-mail address was verified, if it was.</summary>
    public DateTime? EmailVerifiedAt { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// When every credential was last revoked (password reset, completed verification): access tokens issued before
    /// this instant are refused.
    /// </summary>
    public DateTime? CredentialsRevokedAt { get; set; }
}
