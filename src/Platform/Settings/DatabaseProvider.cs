namespace QrAspire.Platform.Settings;

/// <summary>The database engines QrAspire runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>PostgreSQL: production, local servers and containers.</summary>
    PostgreSql,

    /// <summary>SQLite: the embedded default that needs nothing but the .NET SDK.</summary>
    Sqlite,
}
