using System.Net;
using MaxMind.Db;
using QrAspire.Platform.Routing;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests.GeoIp;

/// <summary>
/// The Redirector's own MaxMind DB reader (<see cref="CountryDatabase"/>, written for Native AOT) against MaxMind's
/// reader, which the Worker uses: the same country for every address, in both record layouts and the real database.
/// </summary>
public sealed class CountryDatabaseTests
{
    [Theory]
    [InlineData("81.2.69.160", "GB")]
    [InlineData("89.160.20.112", "SE")]
    [InlineData("216.160.83.56", "US")]
    [InlineData("2a02:aa00:1234::1", "CH")]
    [InlineData("::ffff:81.2.69.1", "GB")]
    [InlineData("175.16.199.7", "CN")]
    [InlineData("8.8.8.8", null)]
    [InlineData("::1", null)]
    public void KnownAddressesResolveInBothLayouts(string ip, string? country)
    {
        foreach (var path in new[] { TestGeoDatabase.Path, TestGeoDatabase.CountryOnlyPath })
        {
            Assert.Equal(country, CountryDatabase.Open(path).CountryOf(IPAddress.Parse(ip)));
        }
    }

    [Fact]
    public void TheTestDatabasesAgreeWithMaxMindsReaderAroundEveryListedNetwork()
    {
        // Addresses near the listed ones (same /16 and /24, neighbours), where a bit-order mistake would show.
        var random = new Random(7);
        var addresses = new List<IPAddress>();
        foreach (var listed in new[] { "81.2.69.160", "89.160.20.112", "216.160.83.56", "175.16.199.7", "192.168.0.10", "198.51.100.7" })
        {
            var bytes = IPAddress.Parse(listed).GetAddressBytes();
            for (var i = 0; i < 300; i++)
            {
                var near = (byte[])bytes.Clone();
                near[3] = (byte)random.Next(256);
                if (i % 2 == 0)
                {
                    near[2] = (byte)random.Next(256);
                }

                addresses.Add(new IPAddress(near));
            }
        }

        for (var i = 0; i < 300; i++)
        {
            var v6 = IPAddress.Parse("2a02:aa00::").GetAddressBytes();
            v6[4] = (byte)random.Next(0, 2);
            random.NextBytes(v6.AsSpan(5));
            addresses.Add(new IPAddress(v6));
        }

        foreach (var path in new[] { TestGeoDatabase.Path, TestGeoDatabase.CountryOnlyPath })
        {
            var listed = AssertAgrees(path, addresses);
            Assert.True(listed >= 300, $"{listed} of {addresses.Count} addresses listed in {path}: too few for the comparison to mean much");
        }
    }

    [SkippableFact]
    public void TheInstalledDatabaseAgreesWithMaxMindsReaderOnRandomAddresses()
    {
        Skip.If(InstalledGeoIpDatabase.Path is null, InstalledGeoIpDatabase.Missing);
        var random = new Random(11);
        var addresses = new List<IPAddress>();
        for (var i = 0; i < 20_000; i++)
        {
            var v4 = new byte[4];
            random.NextBytes(v4);
            addresses.Add(new IPAddress(v4));
            var v6 = new byte[16];
            random.NextBytes(v6);
            v6[0] = (byte)(0x20 | (v6[0] & 0x1F)); // 2000::/3, the global unicast space
            addresses.Add(new IPAddress(v6));
        }

        var listed = AssertAgrees(InstalledGeoIpDatabase.Path!, addresses);
        Assert.True(listed >= 10_000, $"only {listed} of {addresses.Count} random addresses listed: the comparison would mean little");
    }

    [Fact]
    public void ALookupAllocatesNothing()
    {
        var addresses = new[] { "81.2.69.160", "2a02:aa00:1234::1", "::ffff:81.2.69.1", "8.8.8.8" }.Select(IPAddress.Parse).ToArray();
        foreach (var path in new[] { TestGeoDatabase.Path, TestGeoDatabase.CountryOnlyPath })
        {
            var database = CountryDatabase.Open(path);
            foreach (var address in addresses)
            {
                database.CountryOf(address); // warm up
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var found = 0;
            for (var i = 0; i < 1_000; i++)
            {
                found += database.CountryOf(addresses[i % addresses.Length]) is null ? 0 : 1;
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(750, found);
        }
    }

    [Fact]
    public void AFileThatIsNoMaxMindDatabaseIsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-database-{Guid.NewGuid():N}.mmdb");
        File.WriteAllText(path, "country_code,FR\n");
        try
        {
            Assert.Throws<InvalidDataException>(() => CountryDatabase.Open(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Asserts both readers give every address the same country; returns how many had one.</summary>
    private static int AssertAgrees(string path, List<IPAddress> addresses)
    {
        var ours = CountryDatabase.Open(path);
        using var theirs = new Reader(path, FileAccessMode.Memory);
        var listed = 0;
        foreach (var address in addresses)
        {
            var expected = CountryIn(theirs.Find<Dictionary<string, object>>(address));
            Assert.True(expected == ours.CountryOf(address), $"{address}: MaxMind's reader says {expected ?? "nothing"}, ours {ours.CountryOf(address) ?? "nothing"} ({path})");
            listed += expected is null ? 0 : 1;
        }

        return listed;
    }

    private static string? CountryIn(Dictionary<string, object>? record) =>
        record is null ? null
        : record.TryGetValue("country_code", out var code) ? code as string
        : record.TryGetValue("country", out var country) && country is Dictionary<string, object> place && place.TryGetValue("iso_code", out var iso) ? iso as string
        : null;
}
