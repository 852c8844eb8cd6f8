using System.Text;
using System.Text.Json;
using Npgsql;
using QrAspire.Data.Model;
using QrAspire.Platform.Scans;
using QrAspire.Worker.Webhooks;
using StackExchange.Redis;

namespace QrAspire.Worker.Scans;

/// <summary>
/// Consumes the scan queue with the reliable-queue pattern on plain lists (Redis and the embedded Garnet): each
/// Worker moves up to a batch of events into its own processing list (<c>LMOVE</c>), stores them in one idempotent
/// transaction, then deletes the list. Each Worker keeps a heartbeat key alive; any Worker re-queues the processing
/// list of a Worker whose heartbeat expired, so a batch of a Worker that died is finished by another, and the
/// idempotent write by scan id absorbs the part that was already committed.
/// </summary>
public sealed partial class ScanIngestor(
    ScanIngestSettings settings, IConnectionMultiplexer redis, ScanEnricher enricher, ScanStore store, ScanMetrics metrics, ILogger<ScanIngestor> logger,
    ScanWebhookBatcher? webhooks = null)
    : BackgroundService
{
    private string Prefix => settings.QueueKey == ScanQueue.Key ? ScanQueue.ProcessingKey : settings.QueueKey + ":processing";

    /// <summary>This Worker's id, unique per process.</summary>
    public string WorkerId { get; } = Guid.CreateVersion7().ToString("N");

    internal string ProcessingKey => ProcessingListKey(WorkerId);

    // In the queue's Redis Cluster slot (ScanQueue.SlotTag), so LMOVE between them works on a cluster too.
    private string ProcessingListKey(string worker) => $"{Prefix}:{ScanQueue.SlotTag(settings.QueueKey)}:{worker}";

    private string WorkersKey => $"{Prefix}:workers";

    private string HeartbeatKey(string worker) => $"{Prefix}:alive:{worker}";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForRedisAsync(stoppingToken).ConfigureAwait(false);
        using var heartbeat = new PeriodicTimer(settings.HeartbeatLifetime / 3);
        var keepAlive = KeepAliveAsync(heartbeat, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var batch = await TakeBatchAsync().ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        await Task.Delay(settings.IdleDelay, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    await ProcessAsync(batch).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RedisException or TimeoutException or System.Data.Common.DbException
                    or InvalidOperationException { InnerException: System.Data.Common.DbException })
                {
                    LogRetry(logger, e);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await LeaveAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
        }
    }

    private async Task WaitForRedisAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await JoinAsync().ConfigureAwait(false);
                await RecoverAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRetry(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task KeepAliveAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await JoinAsync().ConfigureAwait(false);
                    if (++ticks % 3 == 0)
                    {
                        await RecoverAsync().ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    LogRetry(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Registers this Worker and renews its heartbeat.</summary>
    internal async Task JoinAsync()
    {
        var database = redis.GetDatabase();
        await database.SetAddAsync(WorkersKey, WorkerId).ConfigureAwait(false);
        await database.StringSetAsync(HeartbeatKey(WorkerId), "1", settings.HeartbeatLifetime).ConfigureAwait(false);
    }

    /// <summary>Re-queues (at the front) the processing lists of Workers whose heartbeat expired; returns how many events moved.</summary>
    internal async Task<long> RecoverAsync()
    {
        var database = redis.GetDatabase();
        long moved = 0;
        foreach (var member in await database.SetMembersAsync(WorkersKey).ConfigureAwait(false))
        {
            var worker = member.ToString();
            if (worker == WorkerId || await database.KeyExistsAsync(HeartbeatKey(worker)).ConfigureAwait(false))
            {
                continue;
            }

            var count = await RequeueAsync(database, ProcessingListKey(worker)).ConfigureAwait(false)
                + await RequeueLegacyAsync(database, $"{Prefix}:{worker}").ConfigureAwait(false);
            await database.SetRemoveAsync(WorkersKey, worker).ConfigureAwait(false);
            if (count > 0)
            {
                LogRecovered(logger, count, worker);
            }

            moved += count;
        }

        // The single processing list of the original contract (docs/redirector.md), should anything have used it.
        if (settings.QueueKey == ScanQueue.Key)
        {
            moved += await RequeueLegacyAsync(database, ScanQueue.ProcessingKey).ConfigureAwait(false);
        }

        return moved;
    }

    // Right to left, each to the queue's front: the events keep their order and are taken next. LMOVE is atomic,
    // so two Workers recovering the same list never move one event twice.
    private async Task<long> RequeueAsync(IDatabase database, string processing)
    {
        long count = 0;
        while (!(await database.ListMoveAsync(processing, settings.QueueKey, ListSide.Right, ListSide.Left).ConfigureAwait(false)).IsNull)
        {
            count++;
        }

        return count;
    }

    // Lists named before processing lists carried the queue's slot tag (a Worker of an older version killed mid-batch).
    // They can exist only on a single Redis — a cluster refuses the LMOVE that would fill them — so they are moved
    // only when they exist: on a cluster the cross-slot LMOVE is never sent.
    private async Task<long> RequeueLegacyAsync(IDatabase database, string processing) =>
        await database.KeyExistsAsync(processing).ConfigureAwait(false) ? await RequeueAsync(database, processing).ConfigureAwait(false) : 0;

    /// <summary>
    /// Moves up to a batch of events from the queue into this Worker's processing list; when that list still holds a
    /// batch whose write failed, that batch again instead.
    /// </summary>
    internal async Task<List<RedisValue>> TakeBatchAsync()
    {
        var database = redis.GetDatabase();
        var pending = await database.ListRangeAsync(ProcessingKey).ConfigureAwait(false);
        if (pending.Length > 0)
        {
            return [.. pending];
        }

        var length = await database.ListLengthAsync(settings.QueueKey).ConfigureAwait(false);
        metrics.QueueDepth(length);
        var take = (int)Math.Min(length, settings.BatchSize);
        // Pipelined: one round trip for the whole batch.
        var moves = new Task<RedisValue>[take];
        for (var i = 0; i < take; i++)
        {
            moves[i] = database.ListMoveAsync(settings.QueueKey, ProcessingKey, ListSide.Left, ListSide.Right);
        }

        var values = await Task.WhenAll(moves).ConfigureAwait(false);
        return [.. values.Where(v => !v.IsNull)];
    }

    /// <summary>Stores a batch taken by <see cref="TakeBatchAsync"/> and then releases it; returns how many scans were new.</summary>
    internal async Task<int> ProcessAsync(IReadOnlyList<RedisValue> batch)
    {
        var scans = new List<Scan>(batch.Count);
        var deadLetters = new List<ScanDeadLetter>();
        var newest = DateTime.MinValue;
        foreach (var value in batch)
        {
            var bytes = (byte[])value!;
            string? problem;
            ScanEvent? scan = null;
            try
            {
                scan = ScanQueue.Deserialize(bytes);
                problem = ScanEnricher.Problem(scan);
            }
            catch (JsonException e)
            {
                problem = "not a scan event: " + e.Message;
            }

            if (problem is not null)
            {
                deadLetters.Add(DeadLetter(bytes, problem));
                continue;
            }

            var enriched = await enricher.EnrichAsync(scan!).ConfigureAwait(false);
            newest = enriched.OccurredAt > newest ? enriched.OccurredAt : newest;
            scans.Add(enriched);
        }

        // Once taken, a batch is finished even while stopping: the transaction is short, and the host waits for it.
        int inserted;
        try
        {
            inserted = await store.WriteAsync(scans, deadLetters, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // A value the database refuses would block the queue forever: store one by one, dead-letter the refused.
            inserted = await WriteOneByOneAsync(scans, deadLetters).ConfigureAwait(false);
        }

        await redis.GetDatabase().KeyDeleteAsync(ProcessingKey).ConfigureAwait(false);
        webhooks?.Offer(scans);
        metrics.Ingested(inserted, deadLetters.Count, (DateTime.UtcNow - newest).TotalSeconds);
        foreach (var letter in deadLetters)
        {
            LogDeadLetter(logger, letter.Reason);
        }

        return inserted;
    }

    private async Task<int> WriteOneByOneAsync(List<Scan> scans, List<ScanDeadLetter> deadLetters)
    {
        var inserted = 0;
        foreach (var scan in scans)
        {
            try
            {
                inserted += await store.WriteAsync([scan], [], CancellationToken.None).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                deadLetters.Add(DeadLetter(ScanQueue.Serialize(new ScanEvent(scan.Id, scan.ShortCode, scan.QrCodeId, scan.OccurredAt, null, null, null, null, "GET", scan.IsHead, scan.IsBot, null)), "refused by the database: " + e.SqlState));
            }
        }

        await store.WriteAsync([], deadLetters, CancellationToken.None).ConfigureAwait(false);
        return inserted;
    }

    // NUL is the one character PostgreSQL text cannot hold; the payload is kept readable, not byte-exact, and with
    // every address in it cut to its network: no raw client address is written to the database.
    private static ScanDeadLetter DeadLetter(byte[] bytes, string problem)
    {
        var payload = IpAnonymiser.Scrub(Encoding.UTF8.GetString(bytes)).Replace("\0", "\\u0000", StringComparison.Ordinal);
        return new ScanDeadLetter
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Payload = payload.Length > 8000 ? payload[..8000] : payload,
            Reason = IpAnonymiser.Scrub(problem.Length > 1000 ? problem[..1000] : problem.Replace("\0", "", StringComparison.Ordinal)),
            FailedAt = DateTime.UtcNow,
        };
    }

    // On a graceful stop, whatever this Worker still holds goes back to the queue at once (no heartbeat wait).
    private async Task LeaveAsync()
    {
        try
        {
            var database = redis.GetDatabase();
            await RequeueAsync(database, ProcessingKey).ConfigureAwait(false);
            await database.KeyDeleteAsync(HeartbeatKey(WorkerId)).ConfigureAwait(false);
            await database.SetRemoveAsync(WorkersKey, WorkerId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRetry(logger, e); // the heartbeat expires and another Worker re-queues the list
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_ingest_retry", Message = "Scan ingestion failed and will retry")]
    private static partial void LogRetry(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_batch_recovered", Message = "Re-queued {count} scan events of the stopped worker {worker}")]
    private static partial void LogRecovered(ILogger logger, long count, string worker);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_dead_lettered", Message = "Scan event dead-lettered: {reason}")]
    private static partial void LogDeadLetter(ILogger logger, string reason);
}
