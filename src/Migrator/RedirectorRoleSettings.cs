using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Migrator;

/// <summary>
/// The read-only database role the Redirector logs in as (docs/security.md): <c>REDIRECTOR_DATABASE_ROLE</c> (default
/// <c>qr_redirector</c>) and <c>REDIRECTOR_DATABASE_PASSWORD</c>. Without a password the migrator leaves roles alone
/// (development, SQLite); with one it creates or updates the role after every migration.
/// </summary>
public sealed partial record RedirectorRoleSettings(string Role, string Password)
{
    /// <summary>The role's name when <c>REDIRECTOR_DATABASE_ROLE</c> is not set.</summary>
    public const string DefaultRole = "qr_redirector";

    private const int MinimumPasswordLength = 16;

    /// <summary>The settings, or null when no password is set; throws <see cref="SettingsException"/> naming a bad value.</summary>
    public static RedirectorRoleSettings? From(IConfiguration configuration)
    {
        var password = configuration["REDIRECTOR_DATABASE_PASSWORD"];
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (password.Length < MinimumPasswordLength || password.Contains("REPLACE_ME", StringComparison.Ordinal))
        {
            throw new SettingsException("REDIRECTOR_DATABASE_PASSWORD", $"must be a random password of at least {MinimumPasswordLength} characters, not the template's placeholder");
        }

        var role = configuration["REDIRECTOR_DATABASE_ROLE"];
        role = string.IsNullOrWhiteSpace(role) ? DefaultRole : role.Trim();
        if (!RoleName().IsMatch(role))
        {
            throw new SettingsException("REDIRECTOR_DATABASE_ROLE", $"must be a lower-case identifier (a-z, 0-9, _; at most 63), got '{role}'");
        }

        return new RedirectorRoleSettings(role, password);
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"role {Role}";

    // Plain identifiers only: the name goes into DDL, where it cannot be a bound parameter.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
