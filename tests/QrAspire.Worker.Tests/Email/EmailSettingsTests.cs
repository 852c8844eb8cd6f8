using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Worker.Email;

namespace QrAspire.Worker.Tests.Email;

/// <summary>Mail settings: which provider is chosen, defaults, and a bad value named at start-up.</summary>
public sealed class EmailSettingsTests
{
    private static EmailSettings Read(params (string Key, string Value)[] values) =>
        EmailSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Theory]
    [InlineData("SMTP_SECURITY", "ssl")]
    [InlineData("SMTP_PORT", "0")]
    [InlineData("SMTP_PORT", "smtp")]
    [InlineData("SMTP_PASSWORD", "")]
    [InlineData("MAIL_FROM", "")]
    [InlineData("MAIL_FROM", "QrAspire")]
    [InlineData("WEB_BASE_URL", "")]
    [InlineData("WEB_BASE_URL", "console.example.com")]
    [InlineData("WEB_BASE_URL", "https://console.example.com/?a=1")]
    [InlineData("EMAIL_MAX_ATTEMPTS", "0")]
    [InlineData("EMAIL_RETRY_BASE_SECONDS", "-1")]
    [InlineData("EMAIL_POLL_SECONDS", "soon")]
    public void BadSmtpSettingsNameTheSetting(string name, string value)
    {
        var valid = new Dictionary<string, string>
        {
            ["SMTP_HOST"] = "smtp.example.com",
            ["SMTP_USERNAME"] = "mailer",
            ["SMTP_PASSWORD"] = "hunter2",
            ["MAIL_FROM"] = "QrAspire <no-reply@example.com>",
            ["WEB_BASE_URL"] = "https://console.example.com",
        };
        valid[name] = value;

        var error = Assert.Throws<SettingsException>(() => Read([.. valid.Select(kv => (kv.Key, kv.Value))]));

        Assert.Equal(name, error.Setting);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SENDGRID_BASE_URL", "api.sendgrid.com")]
    [InlineData("MAIL_FROM", "")]
    [InlineData("WEB_BASE_URL", "ftp://console.example.com")]
    public void BadSendGridSettingsNameTheSetting(string name, string value)
    {
        var valid = new Dictionary<string, string>
        {
            ["SENDGRID_API_KEY"] = "SG.secret",
            ["MAIL_FROM"] = "no-reply@example.com",
            ["WEB_BASE_URL"] = "https://console.example.com",
        };
        valid[name] = value;

        var error = Assert.Throws<SettingsException>(() => Read([.. valid.Select(kv => (kv.Key, kv.Value))]));

        Assert.Equal(name, error.Setting);
        Assert.DoesNotContain("SG.secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARelativePickupFolderIsNamed()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("MAIL_PICKUP_DIRECTORY", "mail"), ("WEB_BASE_URL", "http://localhost:5070")));

        Assert.Equal("MAIL_PICKUP_DIRECTORY", error.Setting);
    }

    [Fact]
    public void SendGridWinsOverSmtpWhichWinsOverThePickupFolder()
    {
        (string, string)[] common = [("MAIL_FROM", "no-reply@example.com"), ("WEB_BASE_URL", "https://console.example.com/")];
        var pickup = ("MAIL_PICKUP_DIRECTORY", Path.Combine(Path.GetTempPath(), $"qraspire-mail-{Guid.NewGuid():N}"));

        Assert.Equal(MailProvider.SendGrid, Read([.. common, ("SENDGRID_API_KEY", "SG.x"), ("SMTP_HOST", "smtp.example.com"), pickup]).Provider);
        Assert.Equal(MailProvider.Smtp, Read([.. common, ("SMTP_HOST", "smtp.example.com"), pickup]).Provider);
        Assert.Equal(MailProvider.PickupDirectory, Read([.. common, pickup]).Provider);
        Assert.Equal("https://console.example.com", Read([.. common, pickup]).WebBaseUrl);
    }

    [Fact]
    public void NothingConfiguredMeansNoProviderAndNoRequiredSetting()
    {
        var settings = Read();

        Assert.Equal(MailProvider.None, settings.Provider);
        Assert.Equal(8, settings.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RetryBase);
    }

    [Theory]
    [InlineData("none", 25)]
    [InlineData("starttls", 587)]
    [InlineData("TLS", 465)]
    public void TheSmtpPortFollowsTheSecurityByDefault(string security, int port)
    {
        var settings = Read(("SMTP_HOST", "smtp.example.com"), ("SMTP_SECURITY", security), ("MAIL_FROM", "a@example.com"), ("WEB_BASE_URL", "https://x.example.com"));

        Assert.Equal(port, settings.SmtpPort);
        Assert.DoesNotContain("hunter2", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void BackOffDoublesWithJitterUpToTheCap()
    {
        var retryBase = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromHours(1);

        Assert.Equal(TimeSpan.FromSeconds(15), RetryBackoff.Delay(1, retryBase, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(1, retryBase, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(120), RetryBackoff.Delay(3, retryBase, max, 0.999_999_999).RoundTo(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMinutes(30), RetryBackoff.Delay(20, retryBase, max, 0));
        Assert.Equal(TimeSpan.FromHours(1), RetryBackoff.Delay(1000, retryBase, max, 1));
        for (var attempt = 1; retryBase * Math.Pow(2, attempt) <= max; attempt++)
        {
            // Below the cap, whatever the dice say, the next wait is never shorter than this one could be.
            Assert.True(RetryBackoff.Delay(attempt + 1, retryBase, max, 0) >= RetryBackoff.Delay(attempt, retryBase, max, 1));
        }
    }
}

internal static class TimeSpanRounding
{
    public static TimeSpan RoundTo(this TimeSpan value, TimeSpan unit) => TimeSpan.FromTicks((long)Math.Round(value.Ticks / (double)unit.Ticks) * unit.Ticks);
}
