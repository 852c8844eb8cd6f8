using System.Threading.Channels;
using QrAspire.Platform.Scans;
using QrAspire.Redirector.Telemetry;
using StackExchange.Redis;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// Takes scans from the request path (a bounded in-memory channel) and moves them, in batches, to the Redis
/// queue (<see cref="ScanQueue.Key"/>) — or, while Redis is away, to the spill files, replayed once it is back.
/// On shutdown it runs after the web server has stopped (so no request is still producing) and drains everything.
/// </summary>
public sealed partial class ScanWriter : IHostedLifecycleService, IDisposable
{
    private const int BatchSize = 256;
    private const int Capacity = 100_000;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);
    private readonly Channel<PendingScan> _channel = Channel.CreateBounded<PendingScan>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

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

    /// <summary>Hands a scan over; completes synchronously unless the channel is full (then it waits: never drops).</summary>
    public ValueTask EnqueueAsync(in PendingScan scan)
    {
        if (_channel.Writer.TryWrite(scan))
        {
            return ValueTask.CompletedTask;
        }

        return EnqueueSlowAsync(scan);
    }

    private async ValueTask EnqueueSlowAsync(PendingScan scan)
    {
        try
        {
            await _channel.Writer.WriteAsync(scan).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Shutting down and already drained: straight to disk rather than lost.
            _spill.Append([Serialize(scan)]);
        }
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
        while (true)
        {
            bool more;
            try
            {
                using var idle = new CancellationTokenSource(IdleCheck);
                more = await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                more = true; // Nothing came for a while: a chance to replay spilled events.
            }

            while (batch.Count < BatchSize && reader.TryRead(out var scan))
            {
                batch.Add(scan);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
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

    private async Task WriteAsync(List<PendingScan> batch)
    {
        var values = new byte[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            values[i] = Serialize(batch[i]);
        }

        if (_redis.IsConnected)
        {
            try
            {
                await PushAsync(values).ConfigureAwait(false);
                return;
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

    [LoggerMessage(EventId = 2, EventName = "scan_spill_failed", Level = LogLevel.Error, Message = "spilling {count} scan events to disk failed; retrying")]
    private partial void LogSpillFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3, EventName = "scan_spill_replayed", Level = LogLevel.Information, Message = "replayed {count} spilled scan events to Redis ({left} left)")]
    private partial void LogReplayed(long count, long left);

    [LoggerMessage(EventId = 4, EventName = "scan_writer_drained", Level = LogLevel.Information, Message = "scan writer stopped: {in_memory} in memory, {spilled} in spill files")]
    private partial void LogDrained(int in_memory, long spilled);
}
