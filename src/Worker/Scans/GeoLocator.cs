using System.Net;
using MaxMind.Db;
using QrAspire.Platform.Scans;

namespace QrAspire.Worker.Scans;

/// <summary>Where a scan came from; every part is <c>unknown</c> when the database does not know.</summary>
public sealed record GeoLocation(string Country, string Region, string City)
{
    /// <summary>Nothing known.</summary>
    public static GeoLocation Unknown { get; } = new(UserAgentClassifier.Unknown, UserAgentClassifier.Unknown, UserAgentClassifier.Unknown);
}

/// <summary>
/// GeoIP over a MaxMind DB file (<c>GEOIP_DATABASE_PATH</c>), loaded into memory once: a City database gives country,
/// region and city; a country-only one (the ip-location-db database the setup installs) gives the country, and region
/// and city stay unknown. Without a database every address is <see cref="GeoLocation.Unknown"/>. Thread-safe.
/// </summary>
public sealed class GeoLocator : IDisposable
{
    private readonly Reader? _reader;

    /// <summary>Opens <paramref name="databasePath"/>; null means no database.</summary>
    public GeoLocator(string? databasePath)
    {
        _reader = databasePath is null ? null : new Reader(databasePath, FileAccessMode.Memory);
    }

    /// <summary>Whether a database is loaded.</summary>
    public bool HasDatabase => _reader is not null;

    /// <summary>Locates <paramref name="address"/>; private, reserved and unlisted addresses are unknown.</summary>
    public GeoLocation Locate(IPAddress? address)
    {
        if (_reader is null || address is null || SpecialPurposeAddresses.Contains(address) || _reader.Find<GeoRecord>(address) is not { } record)
        {
            return GeoLocation.Unknown;
        }

        return new GeoLocation(Known(record.Country, 16), Known(record.Region, 128), Known(record.City, 128));
    }

    private static string Known(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? UserAgentClassifier.Unknown : value.Length > max ? value[..max] : value;

    /// <inheritdoc />
    public void Dispose() => _reader?.Dispose();
}
