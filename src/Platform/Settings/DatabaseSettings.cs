using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Settings;

/// <summary>
/// Where the database is, read from <c>DATABASE_URL</c> (docs/configuration.md) or else <c>ConnectionStrings:db</c>
/// (what Aspire passes). Both accept a URL (<c>postgresql://user:password@host:5432/name</c>,
/// <c>sqlite:///absolute/path.db</c>) or an ADO.NET connection string (<c>Host=…</c> or <c>Data Source=…</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string Description)
{
    /// <summary>The name of the Aspire connection string the AppHost passes.</summary>
    public const string ConnectionName = "db";

    private const string Expected =
        "expected postgresql://user:password@host:5432/database, sqlite:///path/to/file.db, or a Host=…/Data Source=… connection string";

    /// <summary>Reads and validates the database settings; throws <see cref="SettingsException"/> naming the bad setting.</summary>
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var (setting, value) = Read(configuration);
        var poolSize = ReadInt(configuration, "DATABASE_POOL_SIZE", 20, 1, 1000);
        var overflow = ReadInt(configuration, "DATABASE_MAX_OVERFLOW", 10, 0, 1000);
        var autoPrepare = ReadInt(configuration, "DATABASE_AUTO_PREPARE", 64, 0, 1000);
        return Parse(setting, value, poolSize + overflow, autoPrepare);
    }

    private static (string Setting, string Value) Read(IConfiguration configuration)
    {
        var url = configuration["DATABASE_URL"];
        if (!string.IsNullOrWhiteSpace(url))
        {
            return ("DATABASE_URL", url.Trim());
        }

        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return ($"ConnectionStrings__{ConnectionName}", connectionString.Trim());
        }

        throw new SettingsException("DATABASE_URL", $"is not set (nor ConnectionStrings__{ConnectionName}); {Expected}");
    }

    private static DatabaseSettings Parse(string setting, string value, int maxPoolSize, int autoPrepare)
    {
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUrl(setting, value, maxPoolSize, autoPrepare);
        }

        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException)
        {
            throw new SettingsException(setting, $"is not a valid connection string; {Expected}");
        }

        if (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename"))
        {
            return Sqlite(setting, builder);
        }

        if (builder.ContainsKey("Host") || builder.ContainsKey("Server"))
        {
            if (!builder.ContainsKey("Maximum Pool Size"))
            {
                builder["Maximum Pool Size"] = maxPoolSize.ToString(CultureInfo.InvariantCulture);
            }

            if (!builder.ContainsKey("Max Auto Prepare"))
            {
                builder["Max Auto Prepare"] = autoPrepare.ToString(CultureInfo.InvariantCulture);
            }

            return new DatabaseSettings(DatabaseProvider.PostgreSql, builder.ConnectionString, DescribePostgres(builder));
        }

        throw new SettingsException(setting, $"names neither a PostgreSQL host nor a SQLite file; {Expected}");
    }

    private static DatabaseSettings ParseUrl(string setting, string value, int maxPoolSize, int autoPrepare)
    {
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["sqlite:".Length..];
            path = path.StartsWith("///", StringComparison.Ordinal) ? path[2..] : path.TrimStart('/');
            if (path.Length == 0)
            {
                throw new SettingsException(setting, $"has no file path; {Expected}");
            }

            return Sqlite(setting, new DbConnectionStringBuilder { ["Data Source"] = Uri.UnescapeDataString(path) });
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new SettingsException(setting, $"is not a valid database URL; {Expected}");
        }

        var database = uri.AbsolutePath.Trim('/');
        if (string.IsNullOrEmpty(uri.Host) || database.Length == 0)
        {
            throw new SettingsException(setting, $"needs a host and a database name; {Expected}");
        }

        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = uri.Host,
            ["Port"] = (uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port).ToString(CultureInfo.InvariantCulture),
            ["Database"] = Uri.UnescapeDataString(database),
            ["Maximum Pool Size"] = maxPoolSize.ToString(CultureInfo.InvariantCulture),
            // The statements a connection runs most (every request's credential check and its endpoint's query) are
            // prepared on the server once per connection: PostgreSQL then skips parsing and planning them.
            ["Max Auto Prepare"] = autoPrepare.ToString(CultureInfo.InvariantCulture),
        };
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder["Username"] = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder["Password"] = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        foreach (var (key, optionValue) in QueryPairs(uri.Query))
        {
            switch (key.ToLowerInvariant())
            {
                case "sslmode": builder["SSL Mode"] = optionValue; break;
                case "application_name": builder["Application Name"] = optionValue; break;
                case "connect_timeout": builder["Timeout"] = optionValue; break;
                default: throw new SettingsException(setting, $"has an unsupported query option '{key}' (supported: sslmode, application_name, connect_timeout)");
            }
        }

        return new DatabaseSettings(DatabaseProvider.PostgreSql, builder.ConnectionString, DescribePostgres(builder));
    }

    private static DatabaseSettings Sqlite(string setting, DbConnectionStringBuilder builder)
    {
        var path = (builder.TryGetValue("Data Source", out var dataSource) ? dataSource
            : builder.TryGetValue("DataSource", out var alt) ? alt : builder["Filename"])?.ToString();
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SettingsException(setting, $"has an empty SQLite file path; {Expected}");
        }

        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ConnectionString, $"sqlite file {path}");
    }

    private static string DescribePostgres(DbConnectionStringBuilder builder) =>
        $"postgresql {builder["Host"]}:{(builder.TryGetValue("Port", out var port) ? port : 5432)}/{(builder.TryGetValue("Database", out var db) ? db : "(default)")}";

    private static IEnumerable<(string Key, string Value)> QueryPairs(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    internal static int ReadInt(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new SettingsException(key, $"must be a whole number from {min} to {max}, got '{raw}'");
        }

        return value;
    }

    /// <summary>Never prints the connection string: it may hold a password.</summary>
    public override string ToString() => Description;
}
