using System.Net;
using QrAspire.Infrastructure.Settings;

namespace QrAspire.Redirector.Extensions;

/// <summary>The Redirector's own settings, read and validated at start-up (a bad value stops it with one line).</summary>
public sealed record RedirectorSettings(IReadOnlyList<IPNetwork> TrustedProxies, string SpillPath, long MemoryCacheBytes)
{
    /// <summary>Reads <c>TRUSTED_PROXIES</c>, <c>SCAN_SPILL_PATH</c> and <c>REDIRECT_CACHE_MB</c>.</summary>
    public static RedirectorSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RedirectorSettings(ReadTrustedProxies(configuration["TRUSTED_PROXIES"]), ReadSpillPath(configuration["SCAN_SPILL_PATH"]),
            ReadInt(configuration["REDIRECT_CACHE_MB"], "REDIRECT_CACHE_MB", 64, 1, 65536) * 1024L * 1024L);
    }

    private static List<IPNetwork> ReadTrustedProxies(string? raw)
    {
        List<IPNetwork> networks = [];
        foreach (var item in (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(item, out var address))
            {
                address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new SettingsException("TRUSTED_PROXIES", $"'{item}' is neither an IP address nor a CIDR range; expected e.g. 10.0.0.0/8,127.0.0.1");
            }
        }

        return networks;
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
