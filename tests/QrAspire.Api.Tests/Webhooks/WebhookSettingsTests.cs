using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Worker.Webhooks;

namespace QrAspire.Api.Tests.Webhooks;

/// <summary>Webhook settings: defaults when unset, and a bad value stops the service naming the setting.</summary>
[Trait("Tier", "Unit")]
public sealed class WebhookSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void UnsetSettingsTakeTheirDefaults()
    {
        var settings = WebhookSettings.From(Config());

        Assert.False(settings.Targets.AllowPrivateTargets);
        Assert.Null(settings.Targets.DnsServer);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Timeout);
        Assert.Equal(TimeSpan.FromHours(24), settings.DisableAfter);
        Assert.Equal(100, settings.ScanBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ScanFlushInterval);
        Assert.Equal(30, settings.RetentionDays);
    }

    [Theory]
    [InlineData("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "yes")]
    [InlineData("WEBHOOKS_TIMEOUT_SECONDS", "0")]
    [InlineData("WEBHOOKS_TIMEOUT_SECONDS", "61")]
    [InlineData("WEBHOOKS_RETRY_BASE_SECONDS", "-1")]
    [InlineData("WEBHOOKS_DISABLE_AFTER_HOURS", "0")]
    [InlineData("WEBHOOKS_SCAN_BATCH_SIZE", "1001")]
    [InlineData("WEBHOOKS_SCAN_FLUSH_SECONDS", "soon")]
    [InlineData("WEBHOOKS_POLL_MILLISECONDS", "5")]
    [InlineData("WEBHOOKS_RETENTION_DAYS", "1")]
    [InlineData("WEBHOOKS_RETENTION_DAYS", "3651")]
    [InlineData("DNS_SERVER", "dns.example.com")]
    public void ABadValueIsRefusedNamingTheSetting(string name, string value)
    {
        var error = Assert.Throws<SettingsException>(() => WebhookSettings.From(Config((name, value))));

        Assert.Equal(name, error.Setting);
    }
}
