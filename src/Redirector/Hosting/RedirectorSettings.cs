using System.Net;
using QrAspire.Platform.Http;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Hosting;

/// <summary>The Redirector's own settings, read and validated at start-up (a bad value stops it with one line).</summary>
public sealed record RedirectorSettings(IReadOnlyList<IPNetwork> TrustedProxies, string SpillPath, long MemoryCacheBytes)
{
    /// <summary>Reads <c>TRUSTED_PROXIES</c>, <c>SCAN_SPILL_PATH</c> and <c>REDIRECT_CACHE_MB</c>.</summary>
    public static RedirectorSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RedirectorSettings(ClientAddress.ParseTrustedProxies(configuration[ClientAddress.TrustedProxiesSetting]), ReadSpillPath(configuration["SCAN_SPILL_PATH"]),
            ReadInt(configuration["REDIRECT_CACHE_MB"], "REDIRECT_CACHE_MB", 64, 1, 65536) * 1024L * 1024L);
    }

    private static string ReadSpillPath(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Path.Combine(Path.GetTempPath(), "qraspire", "scan-spill");
        }

        if (!Path.IsPathFullyQualified(raw))
        {
            throw new SettingsException("SCAN_SPILL_PATH", $"must be an absolute path, got '{raw}'");
        }

        return raw;
    }

    private static int ReadInt(string? raw, string key, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new SettingsException(key, $"must be a whole number from {min} to {max}, got '{raw}'");
        }

        return value;
    }
}
