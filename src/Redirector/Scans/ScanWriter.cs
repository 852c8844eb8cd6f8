using System.Threading.Channels;
using QrAspire.Platform.Scans;
using QrAspire.Redirector.Telemetry;
using StackExchange.Redis;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// Takes scans from the request path (a bounded in-memory channel) and moves them, in batches, to the Redis
/// queue (<see cref="ScanQueue.Key"/>) — or, while Redis is away, to the spill files, replayed once it is back.
/// The request waits until its scan has left the process (<see cref="EnqueueAsync"/>).
/// On shutdown it runs after the web server has stopped (so no request is still producing) and drains everything.
/// </summary>
public sealed partial class ScanWriter : IHostedLifecycleService, IDisposable
{
    private const int BatchSize = 256;
    private const int Capacity = 100_000;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PushPatience = TimeSpan.FromMilliseconds(500);
    private readonly Channel<PendingScan> _channel = Channel.CreateBounded<PendingScan>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Completes once every scan that was in the channel when the writer took it (its round) has left the process.
    private TaskCompletionSource _round = NewRound();

    private readonly IConnectionMultiplexer _redis;
    private readonly ScanSpill _spill;
    private readonly RedirectorMetrics _metrics;
    private readonly ILogger<ScanWriter> _logger;
    private Task? _loop;

    public ScanWriter(IConnectionMultiplexer redis, ScanSpill spill, RedirectorMetrics metrics, ILogger<ScanWriter> logger)
    {
        _redis = redis;
        _spill = spill;
        _metrics = metrics;
        _logger = logger;
        metrics.Meter.CreateObservableGauge("scan_queue_depth", () => (long)_channel.Reader.Count, description: "Scan events in memory, waiting for Redis.");
        metrics.Meter.CreateObservableGauge("scan_spill_depth", () => Math.Max(0, _spill.Depth), description: "Scan events in spill files, waiting for Redis to come back.");
    }

    /// <summary>Scan events held in memory.</summary>
    public int QueueDepth => _channel.Reader.Count;

    /// <summary>Scan events in spill files.</summary>
    public long SpillDepth => Math.Max(0, _spill.Depth);

    /// <summary>
    /// Hands a scan over. The task completes once the scan has left the process — pushed to Redis or written to a
    /// spill file — so a redirect answered after it loses no scan even to <c>kill -9</c>. Scans handed over while a
    /// push is under way wait for the next one and go out together: one round trip for all of them.
    /// </summary>
    public Task EnqueueAsync(in PendingScan scan)
    {
        // Read after the write: the round read now is the one that takes this scan, or a later one.
        return _channel.Writer.TryWrite(scan) ? Volatile.Read(ref _round).Task : EnqueueSlowAsync(scan);
    }

    private async Task EnqueueSlowAsync(PendingScan scan)
    {
        try
        {
            await _channel.Writer.WriteAsync(scan).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Shutting down and already drained: straight to disk rather than lost.
            _spill.Append([Serialize(scan)]);
            return;
        }

        await Volatile.Read(ref _round).Task.ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every service, the web server included, has stopped: no more scans come in; drain what is left.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogDrained(_channel.Reader.Count, _spill.Depth);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        List<PendingScan> batch = new(BatchSize);
        var wrote = false;
        try
        {
            while (true)
            {
                var more = true;
                // After a round that wrote, the next one starts at once: scans handed over during the push wait
                // for it (an empty round just releases them).
                if (!wrote)
                {
                    try
                    {
                        using var idle = new CancellationTokenSource(IdleCheck);
                        more = await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Nothing came for a while: a chance to replay spilled events.
                    }
                }

                // Every scan in the channel now belongs to this round; those handed over from here on, to the next.
                var round = Interlocked.Exchange(ref _round, NewRound());
                wrote = false;
                try
                {
                    // What was in the channel at the exchange, not more: a steady stream must not hold the round open.
                    for (var left = reader.Count; left > 0 && reader.TryRead(out var scan); left--)
                    {
                        batch.Add(scan);
                        if (batch.Count == BatchSize)
                        {
                            await WriteAsync(batch).ConfigureAwait(false);
                            batch.Clear();
                            wrote = true;
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await WriteAsync(batch).ConfigureAwait(false);
                        batch.Clear();
                        wrote = true;
                    }
                }
                finally
                {
                    round.TrySetResult();
                }

                if (_spill.Depth > 0 && _redis.IsConnected)
                {
                    await ReplayAsync().ConfigureAwait(false);
                }

                if (!more && reader.Count == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            // The writer is gone: no request may wait for it.
            Volatile.Read(ref _round).TrySetResult();
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WriteAsync(List<PendingScan> batch)
    {
        var values = new byte[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            values[i] = Serialize(batch[i]);
        }

        if (_redis.IsConnected)
        {
            var push = PushAsync(values);
            try
            {
                // Redirects wait for this push: a Redis that stalls must not hold them for its whole timeout.
                await push.WaitAsync(PushPatience).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException) when (!push.IsCompleted)
            {
                // Spilled below; should the push still land, the events arrive twice and the Worker's write by id
                // keeps one of each.
                LogPushSlow(values.Length);
                _ = push.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogPushFailed(exception, values.Length);
            }
        }

        try
        {
            _spill.Append(values);
        }
        catch (IOException exception)
        {
            // Disk full or gone: keep them in memory and retry rather than drop them.
            LogSpillFailed(exception, values.Length);
            await Task.Delay(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            await WriteAsync(batch).ConfigureAwait(false);
        }
    }

    private Task PushAsync(IReadOnlyList<byte[]> values)
    {
        var redisValues = new RedisValue[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            redisValues[i] = values[i];
        }

        return _redis.GetDatabase().ListRightPushAsync(ScanQueue.Key, redisValues);
    }

    private async Task ReplayAsync()
    {
        var sent = await _spill.ReplayAsync(PushAsync, BatchSize).ConfigureAwait(false);
        if (sent > 0)
        {
            LogReplayed(sent, _spill.Depth);
        }
    }

    private byte[] Serialize(in PendingScan scan)
    {
        var scanEvent = scan.ToEvent(out var bot);
        _metrics.Scan(scan.IsHead, bot is not null);
        return ScanQueue.Serialize(scanEvent);
    }

    public void Dispose() => _spill.Dispose();

    [LoggerMessage(EventId = 1, EventName = "scan_push_failed", Level = LogLevel.Warning, Message = "pushing {count} scan events to Redis failed; spilling them to disk")]
    private partial void LogPushFailed(Exception exception, int count);

    [LoggerMessage(EventId = 5, EventName = "scan_push_slow", Level = LogLevel.Warning, Message = "pushing {count} scan events to Redis took over 500 ms; spilling them to disk")]
    private partial void LogPushSlow(int count);

    [LoggerMessage(EventId = 2, EventName = "scan_spill_failed", Level = LogLevel.Error, Message = "spilling {count} scan events to disk failed; retrying")]
    private partial void LogSpillFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3, EventName = "scan_spill_replayed", Level = LogLevel.Information, Message = "replayed {count} spilled scan events to Redis ({left} left)")]
    private partial void LogReplayed(long count, long left);

    [LoggerMessage(EventId = 4, EventName = "scan_writer_drained", Level = LogLevel.Information, Message = "scan writer stopped: {in_memory} in memory, {spilled} in spill files")]
    private partial void LogDrained(int in_memory, long spilled);
}
