using System.Net;
using QrAspire.Platform.Http;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Hosting;

/// <summary>The Redirector's own settings, read and validated at start-up (a bad value stops it with one line).</summary>
/// <param name="TrustedProxies"><c>TRUSTED_PROXIES</c>.</param>
/// <param name="SpillPath"><c>SCAN_SPILL_PATH</c>.</param>
/// <param name="MemoryCacheBytes"><c>REDIRECT_CACHE_MB</c> in bytes.</param>
/// <param name="CountryHeader"><c>ROUTING_COUNTRY_HEADER</c>: The header a trusted proxy names the viewer's country in, for routing; empty to ignore it.</param>
/// <param name="GeoIpDatabasePath"><c>GEOIP_DATABASE_PATH</c>: the MaxMind DB routing looks countries up in when no trusted header names one; null for none.</param>
public sealed record RedirectorSettings(IReadOnlyList<IPNetwork> TrustedProxies, string SpillPath, long MemoryCacheBytes, string CountryHeader = RedirectorSettings.DefaultCountryHeader,
    string? GeoIpDatabasePath = null)
{
    /// <summary>CloudFront's viewer-country header; Cloudflare's is <c>CF-IPCountry</c>.</summary>
    public const string DefaultCountryHeader = "CloudFront-Viewer-Country";

    /// <summary>Reads <c>TRUSTED_PROXIES</c>, <c>SCAN_SPILL_PATH</c>, <c>REDIRECT_CACHE_MB</c>, <c>ROUTING_COUNTRY_HEADER</c> and <c>GEOIP_DATABASE_PATH</c>.</summary>
    public static RedirectorSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RedirectorSettings(ClientAddress.ParseTrustedProxies(configuration[ClientAddress.TrustedProxiesSetting]), ReadSpillPath(configuration["SCAN_SPILL_PATH"]),
            ReadInt(configuration["REDIRECT_CACHE_MB"], "REDIRECT_CACHE_MB", 64, 1, 65536) * 1024L * 1024L,
            ReadHeaderName(configuration["ROUTING_COUNTRY_HEADER"]), ReadGeoIpPath(configuration["GEOIP_DATABASE_PATH"]));
    }

    private static string? ReadGeoIpPath(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return Path.IsPathFullyQualified(raw) ? raw : throw new SettingsException("GEOIP_DATABASE_PATH", $"must be an absolute path to a .mmdb file, got '{raw}'");
    }

    // Unset: the default; "none": no header is read, so country conditions never match.
    private static string ReadHeaderName(string? raw)
    {
        if (raw is null)
        {
            return DefaultCountryHeader;
        }

        if (string.Equals(raw.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        if (raw.Length is 0 or > 64 || !raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new SettingsException("ROUTING_COUNTRY_HEADER", $"must be an HTTP header name (letters, digits, '-') or none, got '{raw}'");
        }

        return raw;
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

    /// <summary>A whole-number setting in [<paramref name="min"/>, <paramref name="max"/>]; unset → <paramref name="fallback"/>, else exit with one line naming it.</summary>
    internal static int ReadInt(string? raw, string key, int fallback, int min, int max)
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
