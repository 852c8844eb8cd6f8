using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Web.Hosting;

/// <summary>
/// The console's settings (docs/configuration.md): <c>API_BASE_URL</c> (the Api it talks to, required),
/// <c>WEB_DATA_PATH</c> (the session store, and the Data Protection keys when there is no Redis; default
/// <c>.data/web</c>), <c>TRUSTED_PROXIES</c> (whose <c>X-Forwarded-*</c> headers are believed),
/// <c>ConnectionStrings__redis</c> (where every replica finds the key ring) and <c>WEB_KEYS_CERTIFICATE_PATH</c> /
/// <c>WEB_KEYS_CERTIFICATE_PASSWORD</c> (the certificate that encrypts the keys at rest; required outside Development).
/// </summary>
public sealed record WebSettings(Uri ApiBaseUrl, string DataPath)
{
    /// <summary>The proxies (an ingress, a load balancer) whose forwarded client address and scheme are believed.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>A StackExchange.Redis configuration string: the key ring lives there, shared by every replica.</summary>
    public string? KeysRedis { get; init; }

    /// <summary>Encrypts the Data Protection keys wherever they are stored; null only in Development.</summary>
    public X509Certificate2? KeysCertificate { get; init; }

    /// <summary>Reads and validates the settings; throws <see cref="SettingsException"/> naming the bad one.</summary>
    public static WebSettings From(IConfiguration configuration, string contentRoot, bool isDevelopment = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var api = configuration["API_BASE_URL"];
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new SettingsException("API_BASE_URL", "is not set; give the Api's URL (e.g. http://localhost:5080)");
        }

        if (!Uri.TryCreate(api.Trim(), UriKind.Absolute, out var apiUrl) || apiUrl.Scheme is not ("http" or "https"))
        {
            throw new SettingsException("API_BASE_URL", $"is not an absolute http(s) URL, got '{api}'");
        }

        var path = configuration["WEB_DATA_PATH"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(contentRoot, ".data", "web");
        }
        else if (!Path.IsPathFullyQualified(path))
        {
            throw new SettingsException("WEB_DATA_PATH", $"must be an absolute path, got '{path}'");
        }

        var redis = configuration.GetConnectionString("redis");
        return new WebSettings(apiUrl, path)
        {
            TrustedProxies = ParseTrustedProxies(configuration["TRUSTED_PROXIES"]),
            KeysRedis = string.IsNullOrWhiteSpace(redis) ? null : redis.Trim(),
            KeysCertificate = LoadCertificate(configuration, isDevelopment),
        };
    }

    private static List<IPNetwork> ParseTrustedProxies(string? raw)
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

    private static X509Certificate2? LoadCertificate(IConfiguration configuration, bool isDevelopment)
    {
        var path = configuration["WEB_KEYS_CERTIFICATE_PATH"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return isDevelopment ? null
                : throw new SettingsException("WEB_KEYS_CERTIFICATE_PATH", "is not set; outside Development the session keys must be encrypted at rest with a certificate (a .pfx with its private key)");
        }

        if (!Path.IsPathFullyQualified(path) || !File.Exists(path))
        {
            throw new SettingsException("WEB_KEYS_CERTIFICATE_PATH", $"must be the absolute path of a .pfx file, got '{path}'");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["WEB_KEYS_CERTIFICATE_PASSWORD"]);
            return certificate.HasPrivateKey ? certificate
                : throw new SettingsException("WEB_KEYS_CERTIFICATE_PATH", "holds a certificate without its private key; the keys could be encrypted but never read back");
        }
        catch (CryptographicException)
        {
            throw new SettingsException("WEB_KEYS_CERTIFICATE_PATH", "cannot be read as a .pfx with WEB_KEYS_CERTIFICATE_PASSWORD (wrong password or not a PKCS#12 file)");
        }
    }
}
