using System.Diagnostics;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests.GeoIp;

/// <summary>Writes the test .mmdb files once per run with Perl's MaxMind::DB::Writer, installing it with apt when missing (root).</summary>
public static class TestGeoDatabase
{
    private static readonly Lazy<string> City = new(() => Build("city"));
    private static readonly Lazy<string> Country = new(() => Build("country"));

    /// <summary>A database in MaxMind's GeoIP2-City layout.</summary>
    public static string Path => City.Value;

    /// <summary>The same places in ip-location-db's country-only layout (a flat <c>country_code</c>).</summary>
    public static string CountryOnlyPath => Country.Value;

    private static string Build(string layout)
    {
        if (Run("perl", "-MMaxMind::DB::Writer::Tree -e 1") != 0)
        {
            Run("apt-get", "install -y -qq --no-install-recommends libmaxmind-db-writer-perl", ("DEBIAN_FRONTEND", "noninteractive"));
        }

        var path = System.IO.Path.Combine(TestFolders.New("geoip"), $"test-{layout}.mmdb");
        var script = System.IO.Path.Combine(AppContext.BaseDirectory, "GeoIp", "write-test-mmdb.pl");
        if (Run("perl", $"\"{script}\" \"{path}\" {layout}") != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException("could not write the test GeoIP database (needs perl and libmaxmind-db-writer-perl)");
        }

        return path;
    }

    private static int Run(string file, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
