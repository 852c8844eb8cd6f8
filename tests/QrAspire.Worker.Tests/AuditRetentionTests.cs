using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using QrAspire.Data.Model;
using QrAspire.Platform.Connections;
using QrAspire.Platform.Settings;
using QrAspire.TestSupport;
using QrAspire.Worker.Audit;

namespace QrAspire.Worker.Tests;

[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AuditRetentionTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task RetentionDeletesOnlyEntriesOlderThanTheSetting()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var workspace = "acc_" + Guid.NewGuid().ToString("N")[..20];
        var now = DateTime.UtcNow;
        AuditEntry Entry(int daysAgo) => new()
        {
            WorkspaceId = workspace,
            ActorKind = "user",
            ActorId = workspace,
            Action = "qr_code.updated",
            TargetType = "qr_code",
            TargetId = $"qr_{daysAgo}",
            OccurredAt = now.AddDays(-daysAgo),
        };
        await host.QueryAsync(async db =>
        {
            db.AuditEntries.AddRange(Entry(31), Entry(29), Entry(0));
            return await db.SaveChangesAsync();
        });
        var job = new AuditRetentionJob(new AuditSettings(30), host.Services.GetRequiredService<DatabaseConnections>(), TimeProvider.System, NullLogger<AuditRetentionJob>.Instance);

        var deleted = await job.DeleteExpiredAsync(CancellationToken.None);

        var left = await host.QueryAsync(db => db.AuditEntries.Where(e => e.WorkspaceId == workspace).Select(e => e.TargetId).OrderBy(t => t).ToListAsync());
        Assert.Equal(["qr_0", "qr_29"], left);
        Assert.True(deleted >= 1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("36501")]
    [InlineData("a year")]
    public void ABadRetentionIsRefusedNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AuditSettings.RetentionSetting] = value }).Build();

        var error = Assert.Throws<ServiceDefaults.Settings.SettingsException>(() => AuditSettings.From(configuration));
        Assert.Equal("AUDIT_RETENTION_DAYS", error.Setting);
    }
}
