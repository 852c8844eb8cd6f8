using System.Net;
using MaxMind.GeoIP2;

namespace QrAspire.Worker.Scans;

/// <summary>Where a scan came from; every part is <c>unknown</c> when the database does not know.</summary>
public sealed record GeoLocation(string Country, string Region, string City)
{
    /// <summary>Nothing known.</summary>
    public static GeoLocation Unknown { get; } = new(UserAgentClassifier.Unknown, UserAgentClassifier.Unknown, UserAgentClassifier.Unknown);
}

/// <summary>
/// GeoIP over a MaxMind City database (<c>GEOIP_DATABASE_PATH</c>), loaded into memory once. Without a database every
/// address is <see cref="GeoLocation.Unknown"/>. Thread-safe.
/// </summary>
public sealed class GeoLocator : IDisposable
{
    private readonly DatabaseReader? _reader;

    /// <summary>Opens <paramref name="databasePath"/>; null means no database.</summary>
    public GeoLocator(string? databasePath)
    {
        _reader = databasePath is null ? null : new DatabaseReader(databasePath, MaxMind.Db.FileAccessMode.Memory);
    }

    /// <summary>Whether a database is loaded.</summary>
    public bool HasDatabase => _reader is not null;

    /// <summary>Locates <paramref name="address"/>; private, reserved and unlisted addresses are unknown.</summary>
    public GeoLocation Locate(IPAddress? address)
    {
        if (_reader is null || address is null || !_reader.TryCity(address, out var city) || city is null)
        {
            return GeoLocation.Unknown;
        }

        return new GeoLocation(
            Known(city.Country.IsoCode, 16),
            Known(city.MostSpecificSubdivision.Name, 128),
            Known(city.City.Name, 128));
    }

    private static string Known(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? UserAgentClassifier.Unknown : value.Length > max ? value[..max] : value;

    /// <inheritdoc />
    public void Dispose() => _reader?.Dispose();
}
