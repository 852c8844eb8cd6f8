using System.Globalization;
using System.Text;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Auth;

/// <summary>
/// The JWT settings (docs/configuration.md): <c>JWT_SECRET</c> (at least 32 bytes), <c>JWT_ALGORITHM</c> (HS256 only),
/// <c>JWT_EXPIRY_MINUTES</c> (default 15).
/// </summary>
internal sealed record JwtSettings(byte[] Secret, TimeSpan AccessTokenLifetime)
{
    public const string Algorithm = "HS256";
    public const string Issuer = "qraspire";
    public const string Audience = "qraspire-api";

    /// <summary>What every placeholder in deploy/k8s/base/secret.template.yaml contains.</summary>
    public const string TemplatePlaceholder = "REPLACE_ME";

    public static JwtSettings From(IConfiguration configuration)
    {
        var secret = configuration["JWT_SECRET"];
        if (string.IsNullOrEmpty(secret))
        {
            throw new SettingsException("JWT_SECRET", "is not set; give at least 32 random bytes (e.g. openssl rand -base64 48)");
        }

        // The Secret template's value is public: a deploy that forgot to replace it would sign tokens anyone can forge.
        if (secret.Contains(TemplatePlaceholder, StringComparison.Ordinal))
        {
            throw new SettingsException("JWT_SECRET", "is still the template's placeholder; give at least 32 random bytes (e.g. openssl rand -base64 48)");
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < 32)
        {
            throw new SettingsException("JWT_SECRET", $"is {bytes.Length} bytes; it must be at least 32 bytes");
        }

        var algorithm = configuration["JWT_ALGORITHM"];
        if (!string.IsNullOrWhiteSpace(algorithm) && !string.Equals(algorithm.Trim(), Algorithm, StringComparison.Ordinal))
        {
            throw new SettingsException("JWT_ALGORITHM", $"must be {Algorithm}, got '{algorithm}'");
        }

        var minutes = configuration["JWT_EXPIRY_MINUTES"];
        var lifetime = 15;
        if (!string.IsNullOrWhiteSpace(minutes)
            && (!int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out lifetime) || lifetime is < 1 or > 1440))
        {
            throw new SettingsException("JWT_EXPIRY_MINUTES", $"must be a whole number of minutes from 1 to 1440, got '{minutes}'");
        }

        return new JwtSettings(bytes, TimeSpan.FromMinutes(lifetime));
    }
}
