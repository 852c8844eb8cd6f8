using MaxMind.Db;

namespace QrAspire.Worker.Scans;

/// <summary>
/// The parts of a GeoIP record the Worker reads, in either layout it meets: MaxMind's City and Country databases
/// (<c>country.iso_code</c>, <c>subdivisions[].names.en</c>, <c>city.names.en</c>) and the country-only databases of
/// ip-location-db (a flat <c>country_code</c>). Keys a record lacks stay null; keys the Worker does not read are skipped.
/// </summary>
internal sealed class GeoRecord
{
    [Constructor]
    public GeoRecord(
        [MapKey("country_code")] string? countryCode,
        [MapKey("country")] GeoPlace? country,
        [MapKey("subdivisions")] List<GeoPlace>? subdivisions,
        [MapKey("city")] GeoPlace? city)
    {
        Country = country?.IsoCode ?? countryCode;
        Region = subdivisions is [.., var mostSpecific] ? mostSpecific.Names?.English : null;
        City = city?.Names?.English;
    }

    /// <summary>The ISO 3166-1 alpha-2 code.</summary>
    public string? Country { get; }

    /// <summary>The most specific subdivision's English name.</summary>
    public string? Region { get; }

    /// <summary>The city's English name.</summary>
    public string? City { get; }
}

/// <summary>A country, subdivision or city of a MaxMind record.</summary>
internal sealed class GeoPlace
{
    [Constructor]
    public GeoPlace([MapKey("iso_code")] string? isoCode, [MapKey("names")] GeoNames? names)
    {
        IsoCode = isoCode;
        Names = names;
    }

    public string? IsoCode { get; }

    public GeoNames? Names { get; }
}

/// <summary>A place's names: only English is decoded, not the other languages beside it.</summary>
internal sealed class GeoNames
{
    [Constructor]
    public GeoNames([MapKey("en")] string? english) => English = english;

    public string? English { get; }
}
