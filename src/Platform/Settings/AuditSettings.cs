using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Settings;

/// <summary>How long audit entries are kept (<c>AUDIT_RETENTION_DAYS</c>, 1–36,500, default 365).</summary>
/// <param name="RetentionDays">Entries older than this many days are deleted by the Worker.</param>
public sealed record AuditSettings(int RetentionDays)
{
    /// <summary>The setting's name.</summary>
    public const string RetentionSetting = "AUDIT_RETENTION_DAYS";

    /// <summary>The default: a year.</summary>
    public const int DefaultRetentionDays = 365;

    /// <summary>Reads the setting; a value that is not a whole number from 1 to 36,500 throws <see cref="SettingsException"/>.</summary>
    public static AuditSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[RetentionSetting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new AuditSettings(DefaultRetentionDays);
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 36_500
            ? new AuditSettings(days)
            : throw new SettingsException(RetentionSetting, $"must be a whole number of days from 1 to 36500, got '{raw}'");
    }
}
