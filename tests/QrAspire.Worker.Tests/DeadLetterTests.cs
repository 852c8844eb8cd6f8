using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Data.Model;
using QrAspire.Platform.Scans;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.TestSupport;
using QrAspire.Worker.Scans;
using StackExchange.Redis;

namespace QrAspire.Worker.Tests;

/// <summary>An operator lists and replays dead letters with <c>--dead-letters</c>; old ones are deleted by the daily job.</summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class DeadLetterTests(InfrastructureFixture infrastructure)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private async Task<(int Exit, string Output, string Error)> RunAsync(string queue, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DeadLetterCommand.RunAsync([DeadLetterCommand.Argument, .. args], output, error, configuration => configuration
            .AddInMemoryCollection(infrastructure.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scans:QueueKey"] = queue }));
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task AddAsync(IngestionHost host, params ScanDeadLetter[] letters) => await host.QueryAsync(async db =>
    {
        db.ScanDeadLetters.AddRange(letters);
        return await db.SaveChangesAsync();
    });

    private static ScanDeadLetter Letter(string payload, string reason, DateTime failedAt) =>
        new() { Id = Guid.CreateVersion7().ToString("N"), Payload = payload, Reason = reason, FailedAt = failedAt };

    [Fact]
    public async Task ListShowsTheNewestMatchingLettersOneALine()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var marker = Guid.NewGuid().ToString("N");
        await host.StartAsync();
        await host.Redis.ListRightPushAsync(host.Queue, [$"{{\"not\":\"a scan\ttab {marker}\"", $"{{\"id\":\"{marker}\",\"code\":\"x\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"method\":\"GET\"}}"]);
        await AddAsync(host, Letter($"older {marker}", $"test {marker} older", DateTime.UtcNow.AddHours(-2)), Letter($"newer {marker}", $"test {marker} newer", DateTime.UtcNow.AddHours(-1)));
        await Eventually.TrueAsync(async () => await host.QueryAsync(db => db.ScanDeadLetters.CountAsync(l => l.Payload.Contains(marker))) >= 4,
            Timeout, "the two malformed events dead-lettered beside the two letters added");

        var all = await RunAsync(host.Queue, "list", "--limit", "1000000");
        var ours = all.Output.Split('\n').Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
        var tests = await RunAsync(host.Queue, "list", "--reason", $"test {marker}", "--limit", "1");

        Assert.Equal(0, all.Exit);
        Assert.Equal(4, ours.Count);
        Assert.Contains(ours, l => l.Split('\t') is [_, _, var reason, var payload] && reason.StartsWith("not a scan event", StringComparison.Ordinal) && payload.Contains("scan\\ttab", StringComparison.Ordinal));
        Assert.Contains(ours, l => l.Split('\t')[2].Contains("qr_id", StringComparison.Ordinal));
        Assert.Equal(0, tests.Exit);
        Assert.Equal($"newer {marker}", Assert.Single(tests.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t')[3]);
        Assert.Equal("dead-letters: 1 listed of 2 matching", tests.Error.Trim());
    }

    [Fact]
    public async Task ReplayRequeuesTheMatchingLettersAndTheWorkerStoresThem()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"));
        var qrId = IngestionHost.NewQrId();
        var marker = Guid.NewGuid().ToString("N");
        var scans = Enumerable.Range(0, 3).Select(i => IngestionHost.Event(qrId, DateTime.UtcNow.AddMinutes(-i))).ToList();
        // Refused once (e.g. by a database limit since raised): the payloads are valid scan events now.
        await AddAsync(host, [.. scans.Select(s => Letter(System.Text.Encoding.UTF8.GetString(ScanQueue.Serialize(s)), $"refused {marker}", DateTime.UtcNow))]);
        var other = Letter($"other {marker}", $"other {marker}", DateTime.UtcNow);
        await AddAsync(host, other);
        await host.StartAsync();

        var replay = await RunAsync(host.Queue, "replay", "--reason", $"refused {marker}");

        Assert.Equal((0, ""), (replay.Exit, replay.Output));
        Assert.Equal($"dead-letters: 3 replayed onto {host.Queue}", replay.Error.Trim());
        Assert.Equal(3, await host.WaitForScansAsync(qrId, 3, Timeout));
        Assert.Equal(0, await host.QueryAsync(db => db.ScanDeadLetters.CountAsync(l => l.Reason == $"refused {marker}")));
        Assert.Equal(1, await host.QueryAsync(db => db.ScanDeadLetters.CountAsync(l => l.Id == other.Id)));

        // Replaying scans that are stored already (a crash between push and delete) counts nothing twice.
        await AddAsync(host, Letter(System.Text.Encoding.UTF8.GetString(ScanQueue.Serialize(scans[0])), $"again {marker}", DateTime.UtcNow));
        Assert.Equal(0, (await RunAsync(host.Queue, "replay", "--reason", $"again {marker}")).Exit);
        await host.WaitUntilDrainedAsync(Timeout);
        Assert.Equal(3, await host.ScanCountAsync(qrId));
        Assert.Equal(3, await host.QueryAsync(db => db.ScanHours.Where(h => h.QrCodeId == qrId).SumAsync(h => h.Scans)));
    }

    [Theory]
    [InlineData(new string[0], "missing action")]
    [InlineData(new[] { "purge" }, "unknown action 'purge'")]
    [InlineData(new[] { "list", "--limit", "0" }, "--limit needs a whole number")]
    [InlineData(new[] { "list", "--limit", "ten" }, "--limit needs a whole number")]
    [InlineData(new[] { "replay", "--reason" }, "--reason needs a non-empty reason prefix")]
    [InlineData(new[] { "list", "--since", "1d" }, "unknown option '--since'")]
    public async Task BadArgumentsExitWithTwoAndOneLine(string[] args, string problem)
    {
        var (exit, output, error) = await RunAsync("unused", args);

        Assert.Equal(StartupGuard.InvalidSettingExitCode, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dead-letters: {problem}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionDeletesOnlyDeadLettersOlderThanTheSetting()
    {
        await using var host = IngestionHost.Create(infrastructure, "test:scans:" + Guid.NewGuid().ToString("N"), ("SCAN_DEAD_LETTER_RETENTION_DAYS", "7"));
        var marker = Guid.NewGuid().ToString("N");
        var old = Letter(marker, "old", DateTime.UtcNow.AddDays(-8));
        var recent = Letter(marker, "recent", DateTime.UtcNow.AddDays(-6));
        await AddAsync(host, old, recent);
        var job = host.Services.GetServices<IHostedService>().OfType<ScanRetentionJob>().Single();

        await job.DeleteExpiredDeadLettersAsync(CancellationToken.None);

        Assert.Equal([recent.Id], await host.QueryAsync(db => db.ScanDeadLetters.Where(l => l.Payload == marker).Select(l => l.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("36501")]
    [InlineData("thirty")]
    public void ABadDeadLetterRetentionIsRefusedNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SCAN_DEAD_LETTER_RETENTION_DAYS"] = value }).Build();

        var error = Assert.Throws<SettingsException>(() => ScanIngestSettings.From(configuration));

        Assert.Contains("SCAN_DEAD_LETTER_RETENTION_DAYS", error.Message, StringComparison.Ordinal);
    }
}
