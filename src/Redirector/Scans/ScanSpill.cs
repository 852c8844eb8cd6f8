using System.Text;
using System.Text.Json;
using QrAspire.Platform.Scans;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// Where scan events wait while Redis is away: append-only JSON-lines files in <c>SCAN_SPILL_PATH</c>, each
/// write flushed to disk before the events leave memory. Each process appends to its own file (held under an
/// exclusive lock), so several Redirectors may share the folder; replay takes only files nobody holds, which
/// also picks up what a previous process left behind. A client address never reaches the disk: each event is
/// written with its network only (<see cref="IpAnonymiser"/>), which is what the Worker would keep of it anyway —
/// a replayed scan is located by that network and its visitor is counted per network.
/// </summary>
public sealed class ScanSpill : IDisposable
{
    private const string Extension = ".jsonl";
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Lock _lock = new();
    private readonly string _folder;
    private readonly ILogger<ScanSpill> _logger;
    private FileStream? _current;
    private long _depth;

    public ScanSpill(string folder, ILogger<ScanSpill> logger)
    {
        _folder = folder;
        _logger = logger;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException("SCAN_SPILL_PATH", $"folder '{folder}' cannot be created: {exception.Message}");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension))
        {
            try
            {
                _depth += File.ReadLines(file).LongCount(line => line.Length > 0);
            }
            catch (IOException)
            {
                // Held by another Redirector: its events are counted by that process.
            }
        }
    }

    /// <summary>Events waiting in spill files (this process's and orphans found at start).</summary>
    public long Depth => Interlocked.Read(ref _depth);

    public string Folder => _folder;

    /// <summary>Appends <paramref name="events"/> (UTF-8 JSON, one per line, addresses cut to their network) and flushes them to disk.</summary>
    public void Append(IReadOnlyList<byte[]> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_lock)
        {
            _current ??= new FileStream(Path.Combine(_folder, $"scans-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid():N}{Extension}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            foreach (var json in events)
            {
                _current.Write(WithoutAddress(json));
                _current.Write(NewLine);
            }

            // The events are only safe once the kernel has them on disk.
            _current.Flush(flushToDisk: true);
            Interlocked.Add(ref _depth, events.Count);
        }
    }

    /// <summary>
    /// Sends every spilled event through <paramref name="push"/> in batches, oldest file first, deleting each file
    /// once all of it went out. When a batch fails, what is left of that file is written to a new file before the
    /// old one goes, so nothing is sent twice and nothing is lost. Returns how many events went out.
    /// </summary>
    public async Task<long> ReplayAsync(Func<IReadOnlyList<byte[]>, Task> push, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(push);
        lock (_lock)
        {
            // New spills go to a new file; this one becomes replayable.
            _current?.Dispose();
            _current = null;
        }

        long sent = 0;
        foreach (var file in Directory.EnumerateFiles(_folder, "*" + Extension).Order(StringComparer.Ordinal).ToList())
        {
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // Another Redirector is appending to it, or already replaying it.
            }

            using (stream)
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                List<byte[]> batch = new(batchSize);
                while (true)
                {
                    var line = await reader.ReadLineAsync().ConfigureAwait(false);
                    if (line is not null && IsComplete(line))
                    {
                        batch.Add(Encoding.UTF8.GetBytes(line));
                    }
                    else if (line is not null && line.Length > 0)
                    {
                        _logger.LogWarning("skipping a torn line in spill file {file}", file);
                    }

                    if (batch.Count == batchSize || (line is null && batch.Count > 0))
                    {
                        try
                        {
                            await push(batch).ConfigureAwait(false);
                        }
                        catch (Exception exception) when (exception is not OutOfMemoryException)
                        {
                            _logger.LogWarning(exception, "replaying spilled scans failed; keeping the rest for later");
                            await KeepRestAsync(batch, reader).ConfigureAwait(false);
                            Delete(file);
                            return sent;
                        }

                        sent += batch.Count;
                        Interlocked.Add(ref _depth, -batch.Count);
                        batch = new(batchSize);
                    }

                    if (line is null)
                    {
                        break;
                    }
                }
            }

            Delete(file);
        }

        return sent;
    }

    private async Task KeepRestAsync(List<byte[]> batch, StreamReader reader)
    {
        Interlocked.Add(ref _depth, -batch.Count); // Append counts them again.
        var rest = new List<byte[]>(batch);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (IsComplete(line))
            {
                Interlocked.Decrement(ref _depth);
                rest.Add(Encoding.UTF8.GetBytes(line));
            }
        }

        Append(rest);
    }

    // The spill path runs only while Redis is away: parsing each event again costs nothing that matters then.
    internal static byte[] WithoutAddress(byte[] json)
    {
        try
        {
            var scan = ScanQueue.Deserialize(json);
            return scan.Ip is null ? json : ScanQueue.Serialize(scan with { Ip = IpAnonymiser.Anonymise(scan.Ip) });
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetBytes(IpAnonymiser.Scrub(Encoding.UTF8.GetString(json)));
        }
    }

    // A crash mid-write can leave a partial last line; a complete event is one JSON object.
    private static bool IsComplete(string line) => line.Length > 1 && line[0] == '{' && line[^1] == '}';

    private void Delete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException exception)
        {
            _logger.LogWarning(exception, "could not delete replayed spill file {file}", file);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _current = null;
        }
    }
}
