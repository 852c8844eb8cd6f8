namespace QrAspire.ServiceDefaults.Settings;

/// <summary>
/// A missing or malformed setting. Its message is one line that names the setting and never contains a secret.
/// </summary>
public sealed class SettingsException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    /// <summary>The name of the setting as an operator would write it (e.g. <c>DATABASE_URL</c>).</summary>
    public string Setting { get; } = setting;
}
