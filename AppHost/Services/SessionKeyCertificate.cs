using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QrAspire.AppHost.Services;

internal static class SessionKeyCertificate
{
    /// <summary>
    /// Outside Development the web console encrypts its session keys at rest with a certificate
    /// (<c>WEB_KEYS_CERTIFICATE_PATH</c>). The production shape runs it in Production on a developer's machine, so the
    /// AppHost makes a self-signed one once, in the data folder, with a password beside it (never in the repository).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSessionKeyCertificate(this IResourceBuilder<ProjectResource> web, string dataPath)
    {
        var folder = Path.Combine(dataPath, "web-keys");
        var path = Path.Combine(folder, "session-keys.pfx");
        var passwordPath = Path.Combine(folder, "session-keys.password");
        if (!File.Exists(path) || !File.Exists(passwordPath))
        {
            Directory.CreateDirectory(folder);
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=QrAspire web console session keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            File.WriteAllText(passwordPath, password);
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        }

        return web.WithEnvironment("WEB_KEYS_CERTIFICATE_PATH", path)
            .WithEnvironment("WEB_KEYS_CERTIFICATE_PASSWORD", File.ReadAllText(passwordPath));
    }
}
