using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;
using StackExchange.Redis;

namespace QrAspire.Platform.Settings;

/// <summary>
/// Where Redis (or the embedded Redis-protocol server) is, read from <c>REDIS_URL</c> + <c>REDIS_PASSWORD</c>
/// (docs/configuration.md) or else <c>ConnectionStrings:redis</c> (StackExchange.Redis syntax, what Aspire passes).
/// </summary>
public sealed record RedisSettings(ConfigurationOptions Options, string Description)
{
    /// <summary>The name of the Aspire connection string the AppHost passes.</summary>
    public const string ConnectionName = "redis";

    private const string Expected = "expected redis://[:password@]host:6379[/db] or rediss://… for TLS";

    /// <summary>Reads and validates the Redis settings; throws <see cref="SettingsException"/> naming the bad setting.</summary>
    public static RedisSettings From(IConfiguration configuration)
    {
        var password = configuration["REDIS_PASSWORD"];
        var url = configuration["REDIS_URL"];
        ConfigurationOptions options;
        string setting;
        if (!string.IsNullOrWhiteSpace(url))
        {
            setting = "REDIS_URL";
            options = ParseUrl(url.Trim());
        }
        else
        {
            setting = $"ConnectionStrings__{ConnectionName}";
            var connectionString = configuration.GetConnectionString(ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new SettingsException("REDIS_URL", $"is not set (nor ConnectionStrings__{ConnectionName}); {Expected}");
            }

            try
            {
                options = ConfigurationOptions.Parse(connectionString.Trim());
            }
            catch (ArgumentException)
            {
                throw new SettingsException(setting, $"is not a valid Redis connection string; {Expected}");
            }
        }

        if (options.EndPoints.Count == 0)
        {
            throw new SettingsException(setting, $"names no Redis host; {Expected}");
        }

        if (!string.IsNullOrEmpty(password))
        {
            options.Password = password;
        }

        // Services start and report unhealthy instead of crashing when Redis is briefly away.
        options.AbortOnConnectFail = false;
        // Reconnect every quarter second, not on the client's exponential default (from 2.5 s): a Redirector must
        // hear invalidations within a second of Redis coming back, and every service's queue pushes resume sooner.
        options.ReconnectRetryPolicy = new LinearRetry(250);
        options.ClientName ??= AppDomain.CurrentDomain.FriendlyName;
        return new RedisSettings(options, $"redis {string.Join(',', options.EndPoints.Select(Format))}");
    }

    /// <summary>
    /// <see cref="Options"/> as a StackExchange.Redis configuration string, password included: what the Aspire
    /// client integration parses. Never log it.
    /// </summary>
    public string ConnectionString => Options.ToString(includePassword: true);

    /// <summary>
    /// Sets on <paramref name="options"/> what <see cref="ConnectionString"/> cannot carry: the reconnect policy.
    /// </summary>
    public void ApplyTo(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ReconnectRetryPolicy = Options.ReconnectRetryPolicy;
        options.AbortOnConnectFail = Options.AbortOnConnectFail;
    }

    private static ConfigurationOptions ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            throw new SettingsException("REDIS_URL", $"is not a valid Redis URL; {Expected}");
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(separator < 0 ? "" : uri.UserInfo[..separator]);
            options.User = user.Length > 0 ? user : null;
            options.Password = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[(separator + 1)..]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 15)
            {
                throw new SettingsException("REDIS_URL", $"has a database index '{database}' that is not 0-15; {Expected}");
            }

            options.DefaultDatabase = index;
        }

        return options;
    }

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };

    /// <summary>Never prints the password.</summary>
    public override string ToString() => Description;
}
