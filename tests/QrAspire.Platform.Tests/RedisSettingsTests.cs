using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Tests;

public sealed class RedisSettingsTests
{
    private static RedisSettings Read(params (string Key, string Value)[] values) =>
        RedisSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void RedisUrlGivesHostPortDatabaseAndPassword()
    {
        var settings = Read(("REDIS_URL", "redis://:pw@cache.internal:6380/3"));

        Assert.Equal("redis cache.internal:6380", settings.Description);
        Assert.Equal(3, settings.Options.DefaultDatabase);
        Assert.Equal("pw", settings.Options.Password);
        Assert.False(settings.Options.Ssl);
        Assert.False(settings.Options.AbortOnConnectFail);
    }

    [Fact]
    public void RedissUrlTurnsOnTlsAndRedisPasswordOverridesTheUrl()
    {
        var settings = Read(("REDIS_URL", "rediss://:old@cache:6379"), ("REDIS_PASSWORD", "new"));

        Assert.True(settings.Options.Ssl);
        Assert.Equal("new", settings.Options.Password);
        Assert.DoesNotContain("new", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheClientIntegrationGetsEverySettingBackFromTheConnectionStringAndTheReconnectPolicyFromApplyTo()
    {
        var settings = Read(("REDIS_URL", "rediss://ops:s3cret@cache.internal:6380/5"));

        // What AddRedisClient does with them: parse the string, then let us configure the parsed options.
        var options = StackExchange.Redis.ConfigurationOptions.Parse(settings.ConnectionString);
        settings.ApplyTo(options);

        Assert.Equal("cache.internal:6380", Assert.Single(options.EndPoints).ToString()?.Replace("Unspecified/", "", StringComparison.Ordinal));
        Assert.Equal(("ops", "s3cret", 5, true, false), (options.User, options.Password, options.DefaultDatabase, options.Ssl, options.AbortOnConnectFail));
        // A Redirector hears invalidations within a second of Redis coming back only with the quarter-second reconnect.
        Assert.Same(settings.Options.ReconnectRetryPolicy, options.ReconnectRetryPolicy);
        Assert.IsType<StackExchange.Redis.LinearRetry>(options.ReconnectRetryPolicy);
    }

    [Fact]
    public void AspireConnectionStringIsUsedWhenNoUrlIsGiven()
    {
        var settings = Read(("ConnectionStrings:redis", "127.0.0.1:7000"));

        Assert.Equal("redis 127.0.0.1:7000", settings.Description);
    }

    [Theory]
    [InlineData("http://cache:6379")]
    [InlineData("redis://cache:6379/99")]
    [InlineData("not a url")]
    public void MalformedRedisUrlsAreRefusedNamingTheSetting(string url)
    {
        var error = Assert.Throws<SettingsException>(() => Read(("REDIS_URL", url)));

        Assert.Equal("REDIS_URL", error.Setting);
    }
}
