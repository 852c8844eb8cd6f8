using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QrAspire.Api.Auth;

/// <summary>Issues HS256 access tokens and describes how they are validated (the same key, issuer, audience and algorithm).</summary>
internal sealed class AccessTokens(JwtSettings settings, TimeProvider clock)
{
    private readonly SymmetricSecurityKey _key = new(settings.Secret);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The claim naming the account's last credential revocation the token was issued after.</summary>
    public const string CredentialsClaim = "crv";

    public TimeSpan Lifetime => settings.AccessTokenLifetime;

    /// <summary>A token for <paramref name="accountId"/>; <paramref name="credentialsRevokedAt"/> is the account's, as stored.</summary>
    public string Issue(string accountId, DateTime? credentialsRevokedAt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Claim> claims = [new(JwtRegisteredClaimNames.Sub, accountId), new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))];
        if (CredentialsStamp(credentialsRevokedAt) is { } stamp)
        {
            claims.Add(new Claim(CredentialsClaim, stamp));
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// The revocation instant as a token carries it: whole microseconds, the precision both databases keep, so a
    /// stamp read back from either compares equal to the one a token was issued with.
    /// </summary>
    public static string? CredentialsStamp(DateTime? credentialsRevokedAt) =>
        credentialsRevokedAt is { } at ? (at.Ticks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Only HS256 with our key: <c>alg: none</c>, other algorithms and other keys are refused.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = JwtSettings.Issuer,
        ValidAudience = JwtSettings.Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
    };
}
