using Microsoft.EntityFrameworkCore;
using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests;

/// <summary>A refused scan event is kept for an operator, but never with the client's raw address.</summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class DeadLetterPrivacyTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task DeadLettersHoldTheNetworkNotTheAddress()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var marker = Guid.NewGuid().ToString("N");
        await host.StartAsync();

        // Not JSON at all, and a scan event without the qr_id it needs: both refused, both carrying an address.
        await host.Redis.ListRightPushAsync(host.Queue,
        [
            $"{{\"broken {marker}\" 203.0.113.201",
            $"{{\"id\":\"{marker}\",\"code\":\"x\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"method\":\"GET\",\"ip\":\"2001:db8:1234:5678::42\"}}",
        ]);
        await Eventually.TrueAsync(async () => await host.QueryAsync(db => db.ScanDeadLetters.CountAsync(l => l.Payload.Contains(marker))) == 2,
            TimeSpan.FromSeconds(60), "both events dead-lettered");

        var stored = await host.QueryAsync(db => db.ScanDeadLetters.Where(l => l.Payload.Contains(marker)).Select(l => l.Payload + "\n" + l.Reason).ToListAsync());
        var written = string.Join("\n", stored);

        Assert.DoesNotContain("203.0.113.201", written, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", written, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0", written, StringComparison.Ordinal);
        Assert.Contains("2001:db8:1234::", written, StringComparison.Ordinal);
    }
}
