using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using QrAspire.Web.Hosting;

namespace QrAspire.Web.Tests;

/// <summary>
/// The console in-process (no browser, no Api behind it) in a chosen environment, with its own data folder: enough
/// to see what its pipeline does to a request and where its keys go.
/// </summary>
internal sealed class ConsoleHost(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<WebSettings>
{
    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "qraspire-web-" + Guid.NewGuid().ToString("N")[..12]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("API_BASE_URL", "http://127.0.0.1:9");
        builder.UseSetting("WEB_DATA_PATH", DataPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    /// <summary>A self-signed certificate with its private key, written as a password-protected .pfx.</summary>
    public static (string Path, string Password) KeysCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=qraspire-web-keys-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"qraspire-web-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
