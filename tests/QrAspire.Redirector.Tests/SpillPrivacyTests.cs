using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using QrAspire.Platform.Scans;
using QrAspire.Redirector.Scans;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Spill files never hold a client's address: only its network, which is all the Worker keeps.</summary>
[Trait("Tier", "Unit")]
public sealed class SpillPrivacyTests
{
    private static ScanEvent Scan(string ip) =>
        new(Guid.CreateVersion7().ToString(), "abc", "qr_1", DateTime.UtcNow, ip, "Mozilla/5.0", null, null, "GET", false, false, null);

    private static string WrittenBytes(string folder) =>
        string.Concat(Directory.EnumerateFiles(folder).Select(file => Encoding.UTF8.GetString(File.ReadAllBytes(file))));

    [Fact]
    public void SpilledEventsHoldTheNetworkNotTheAddress()
    {
        var folder = TestFolders.New("spill-privacy");
        long depth;
        using (var spill = new ScanSpill(folder, NullLogger<ScanSpill>.Instance))
        {
            spill.Append([ScanQueue.Serialize(Scan("203.0.113.77")), ScanQueue.Serialize(Scan("2001:db8:aaaa:bbbb:cccc:dddd:eeee:1234")),
                ScanQueue.Serialize(Scan("::ffff:198.51.100.23"))]);
            depth = spill.Depth;
        }

        var written = WrittenBytes(folder); // the file is closed: what is on disk, not what is buffered
        Assert.DoesNotContain("203.0.113.77", written, StringComparison.Ordinal);
        Assert.DoesNotContain("bbbb", written, StringComparison.Ordinal);
        Assert.DoesNotContain("100.23", written, StringComparison.Ordinal);
        Assert.Contains("\"ip\":\"203.0.113.0\"", written, StringComparison.Ordinal);
        Assert.Contains("\"ip\":\"2001:db8:aaaa::\"", written, StringComparison.Ordinal);
        Assert.Contains("\"ip\":\"198.51.100.0\"", written, StringComparison.Ordinal);
        Assert.Equal(3, depth);
    }

    [Fact]
    public async Task ReplayedEventsAreTheAnonymisedOnesAndStillScanEvents()
    {
        var folder = TestFolders.New("spill-privacy");
        using var spill = new ScanSpill(folder, NullLogger<ScanSpill>.Instance);
        var scan = Scan("192.0.2.200");
        spill.Append([ScanQueue.Serialize(scan)]);
        List<ScanEvent> replayed = [];

        await spill.ReplayAsync(batch =>
        {
            replayed.AddRange(batch.Select(json => ScanQueue.Deserialize(json)));
            return Task.CompletedTask;
        }, 10);

        Assert.Equal(scan with { Ip = "192.0.2.0" }, Assert.Single(replayed));
    }

    [Fact]
    public void AnEventThatIsNotAScanEventIsScrubbedBeforeItIsWritten()
    {
        var folder = TestFolders.New("spill-privacy");
        using (var spill = new ScanSpill(folder, NullLogger<ScanSpill>.Instance))
        {
            spill.Append([Encoding.UTF8.GetBytes("{\"ip\":\"203.0.113.91\",\"occurred_at\":17}")]);
        }

        var written = WrittenBytes(folder);
        Assert.DoesNotContain("203.0.113.91", written, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0", written, StringComparison.Ordinal);
    }
}
