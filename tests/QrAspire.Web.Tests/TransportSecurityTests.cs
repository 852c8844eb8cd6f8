using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Web.Hosting;
using StackExchange.Redis;

namespace QrAspire.Web.Tests;

/// <summary>
/// The console behind a TLS-terminating proxy: forwarded headers believed from trusted proxies only, HSTS and
/// <c>Secure</c> cookies outside Development, and a key ring encrypted at rest and shared by every replica.
/// </summary>
[Trait("Tier", "Service")]
public sealed class TransportSecurityTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Browser = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task ATrustedProxysForwardedSchemeAndAddressAreBelievedAndEarnHsts()
    {
        var (certificate, password) = ConsoleHost.KeysCertificate();
        await using var console = Production(certificate, password);

        var context = await SendAsync(console, from: Proxy);

        Assert.Equal("https", context.Request.Scheme);
        Assert.Equal(Browser, context.Connection.RemoteIpAddress);
        Assert.StartsWith("max-age=31536000", context.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyoneElsesForwardedHeadersAreIgnored()
    {
        var (certificate, password) = ConsoleHost.KeysCertificate();
        await using var console = Production(certificate, password);
        var stranger = IPAddress.Parse("198.51.100.9");

        var context = await SendAsync(console, from: stranger);

        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal(stranger, context.Connection.RemoteIpAddress);
        Assert.Empty(context.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task OutsideDevelopmentTheSessionAndAntiforgeryCookiesAreSecureEvenOverPlainHttp()
    {
        var (certificate, password) = ConsoleHost.KeysCertificate();
        await using var console = Production(certificate, password);
        var plainHttp = new DefaultHttpContext();
        plainHttp.Request.Scheme = "http";

        var session = console.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var antiforgery = console.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value;

        Assert.True(session.Cookie.Build(plainHttp).Secure);
        Assert.True(antiforgery.Cookie.Build(plainHttp).Secure);
    }

    [Fact]
    public async Task DevelopmentKeepsPlainHttpWorkingWithoutHsts()
    {
        await using var console = new ConsoleHost("Development", new Dictionary<string, string?>());
        var plainHttp = new DefaultHttpContext();
        plainHttp.Request.Scheme = "http";

        var context = await SendAsync(console, from: IPAddress.Loopback);
        var session = console.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);

        Assert.Empty(context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.False(session.Cookie.Build(plainHttp).Secure);
    }

    [SkippableFact]
    public async Task TwoReplicasShareOneKeyRingThatRedisHoldsOnlyEncrypted()
    {
        await using var redis = await LoopbackRedis.StartAsync();
        var (certificate, password) = ConsoleHost.KeysCertificate();
        await using var first = Production(certificate, password, redis.ConnectionString);
        await using var second = Production(certificate, password, redis.ConnectionString);

        var sealedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("QrAspire.Web.Sessions.v1").Protect("a session");
        var openedBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("QrAspire.Web.Sessions.v1").Unprotect(sealedByFirst);

        Assert.Equal("a session", openedBySecond);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var stored = string.Join("\n", (await connection.GetDatabase().ListRangeAsync(TransportSecurity.KeyRingRedisKey)).Select(v => v.ToString()));
        Assert.Contains("<key ", stored, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal); // the unencrypted form of the secret
        Assert.Empty(Directory.Exists(Path.Combine(first.DataPath, "keys")) ? Directory.GetFiles(Path.Combine(first.DataPath, "keys")) : []);
    }

    [Fact]
    public void OutsideDevelopmentAKeyRingWithoutACertificateStopsTheConsole()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("API_BASE_URL", "http://127.0.0.1:9")]).Build();

        var error = Assert.Throws<SettingsException>(() => WebSettings.From(configuration, Path.GetTempPath(), isDevelopment: false));

        Assert.Equal("WEB_KEYS_CERTIFICATE_PATH", error.Setting);
    }

    [Theory]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/8,the-ingress")]
    [InlineData("WEB_KEYS_CERTIFICATE_PATH", "relative/keys.pfx")]
    public void ABadSettingStopsTheConsoleNamingIt(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("API_BASE_URL", "http://127.0.0.1:9"), new(setting, value)]).Build();

        var error = Assert.Throws<SettingsException>(() => WebSettings.From(configuration, Path.GetTempPath()));

        Assert.Equal(setting, error.Setting);
    }

    private static ConsoleHost Production(string certificate, string password, string? redis = null) => new("Production", new Dictionary<string, string?>
    {
        ["TRUSTED_PROXIES"] = "10.0.0.0/8",
        ["WEB_KEYS_CERTIFICATE_PATH"] = certificate,
        ["WEB_KEYS_CERTIFICATE_PASSWORD"] = password,
        ["ConnectionStrings:redis"] = redis,
    });

    // The HttpContext after the whole pipeline: what the forwarded-headers step made of the connection.
    private static Task<HttpContext> SendAsync(ConsoleHost console, IPAddress from) => console.Server.SendAsync(context =>
    {
        context.Request.Method = "GET";
        context.Request.Path = "/signin";
        context.Request.Host = new HostString("console.example.com");
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = Browser.ToString();
        context.Connection.RemoteIpAddress = from;
    });
}
