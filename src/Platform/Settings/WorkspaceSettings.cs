using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Settings;

/// <summary>How long a workspace invitation works (<c>WORKSPACE_INVITATION_DAYS</c>, 1–90, default 7).</summary>
/// <param name="InvitationDays">An invitation not accepted within this many days stops working.</param>
public sealed record WorkspaceSettings(int InvitationDays)
{
    /// <summary>The setting's name.</summary>
    public const string InvitationDaysSetting = "WORKSPACE_INVITATION_DAYS";

    /// <summary>The default: a week.</summary>
    public const int DefaultInvitationDays = 7;

    /// <summary>Reads the setting; a value that is not a whole number from 1 to 90 throws <see cref="SettingsException"/>.</summary>
    public static WorkspaceSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[InvitationDaysSetting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new WorkspaceSettings(DefaultInvitationDays);
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 90
            ? new WorkspaceSettings(days)
            : throw new SettingsException(InvitationDaysSetting, $"must be a whole number of days from 1 to 90, got '{raw}'");
    }
}
