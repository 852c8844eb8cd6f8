using Microsoft.Extensions.Configuration;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Tests;

public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings Read(params (string Key, string Value)[] values) =>
        DatabaseSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void PostgresUrlBecomesAnNpgsqlConnectionStringWithPoolSizeAndOverflow()
    {
        var settings = Read(("DATABASE_URL", "postgresql://app:s%40cret@db.internal:6432/qr?sslmode=require"),
            ("DATABASE_POOL_SIZE", "15"), ("DATABASE_MAX_OVERFLOW", "5"));

        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
        Assert.Contains("Host=db.internal", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Port=6432", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Database=qr", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Password=s@cret", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SSL Mode=require", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Maximum Pool Size=20", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null, "Max Auto Prepare=64")]
    [InlineData("0", "Max Auto Prepare=0")]
    [InlineData("200", "Max Auto Prepare=200")]
    public void PostgresConnectionsPrepareTheirMostUsedStatements(string? autoPrepare, string expected)
    {
        (string, string)[] values = autoPrepare is null ? [] : [("DATABASE_AUTO_PREPARE", autoPrepare)];

        Assert.Contains(expected, Read([("DATABASE_URL", "postgres://h/db"), .. values]).ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, Read([("ConnectionStrings:db", "Host=h;Database=db"), .. values]).ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AConnectionStringThatSetsAutoPrepareKeepsItsValue()
    {
        var settings = Read(("ConnectionStrings:db", "Host=h;Database=db;Max Auto Prepare=5"), ("DATABASE_AUTO_PREPARE", "64"));

        Assert.Contains("Max Auto Prepare=5", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Max Auto Prepare=64", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DescriptionAndToStringNeverContainThePassword()
    {
        var settings = Read(("DATABASE_URL", "postgres://app:hunter2@localhost/qr"));

        Assert.DoesNotContain("hunter2", settings.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal("postgresql localhost:5432/qr", settings.Description);
    }

    [Fact]
    public void SqliteUrlNamesAnAbsoluteFile()
    {
        var settings = Read(("DATABASE_URL", "sqlite:///var/lib/qraspire/qr.db"));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains("/var/lib/qraspire/qr.db", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Database=qraspire", DatabaseProvider.PostgreSql)]
    [InlineData("Data Source=/tmp/qraspire.db", DatabaseProvider.Sqlite)]
    public void AspireConnectionStringsAreRecognisedByTheirKeys(string connectionString, DatabaseProvider expected)
    {
        Assert.Equal(expected, Read(("ConnectionStrings:db", connectionString)).Provider);
    }

    [Fact]
    public void DatabaseUrlWinsOverTheAspireConnectionString()
    {
        var settings = Read(("DATABASE_URL", "sqlite:///tmp/a.db"), ("ConnectionStrings:db", "Host=elsewhere;Database=x"));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
    }

    [Theory]
    [InlineData("DATABASE_URL", "postgres//missing-colon", "DATABASE_URL")]
    [InlineData("DATABASE_URL", "mysql://u:p@h/db", "DATABASE_URL")]
    [InlineData("DATABASE_URL", "postgresql://host-without-db", "DATABASE_URL")]
    [InlineData("DATABASE_URL", "postgresql://h/db?frobnicate=1", "DATABASE_URL")]
    [InlineData("DATABASE_URL", "sqlite://", "DATABASE_URL")]
    [InlineData("ConnectionStrings:db", "Port=5432;Username=x", "ConnectionStrings__db")]
    [InlineData("ConnectionStrings:db", "this is = not ; = valid", "ConnectionStrings__db")]
    public void MalformedValuesAreRefusedNamingTheSetting(string key, string value, string setting)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));

        Assert.Equal(setting, error.Setting);
        Assert.StartsWith(setting + ":", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("DATABASE_POOL_SIZE", "0")]
    [InlineData("DATABASE_POOL_SIZE", "many")]
    [InlineData("DATABASE_MAX_OVERFLOW", "-1")]
    [InlineData("DATABASE_AUTO_PREPARE", "-1")]
    [InlineData("DATABASE_AUTO_PREPARE", "1001")]
    public void PoolSizesOutOfRangeAreRefused(string key, string value)
    {
        var error = Assert.Throws<SettingsException>(() => Read(("DATABASE_URL", "postgres://h/db"), (key, value)));

        Assert.Equal(key, error.Setting);
    }

    [Fact]
    public void MissingDatabaseSettingIsNamed()
    {
        var error = Assert.Throws<SettingsException>(() => Read());

        Assert.Equal("DATABASE_URL", error.Setting);
    }
}
