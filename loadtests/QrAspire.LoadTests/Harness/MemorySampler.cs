using System.Globalization;

namespace QrAspire.LoadTests.Harness;

/// <summary>
/// Samples the resident memory (VmRSS) of the processes named on the command line (--rss api=1234), every few seconds
/// during a soak run, so a leak shows as a rising line in the report. Linux only: it reads /proc.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly IClock _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<MemorySample> _samples = [];

    /// <summary>
    /// Samples at once, then every <paramref name="interval"/> of <paramref name="clock"/>: the clock, not a timer of
    /// its own, so the unit tests can step it and count samples exactly.
    /// </summary>
    public MemorySampler(IReadOnlyDictionary<string, int> processes, TimeSpan interval, IClock clock)
    {
        _processes = processes;
        _clock = clock;
        Sample();
        _loop = LoopAsync(interval, _stop.Token);
    }

    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    private async Task LoopAsync(TimeSpan interval, CancellationToken stop)
    {
        var due = _clock.Elapsed;
        try
        {
            while (true)
            {
                // Ticks a starved process missed are skipped, not made up in a burst (as PeriodicTimer does).
                do
                {
                    due += interval;
                }
                while (due <= _clock.Elapsed);

                await _clock.WaitUntilAsync(due, stop);
                Sample();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // disposed: the samples so far are the line
        }
    }

    private void Sample()
    {
        var at = _clock.Elapsed.TotalSeconds;
        foreach (var (name, pid) in _processes)
        {
            if (ReadRssMiB(pid) is { } mib)
            {
                lock (_samples)
                {
                    _samples.Add(new MemorySample(name, at, mib));
                }
            }
        }
    }

    /// <summary>The kernel's own peak resident set (VmHWM) of each process since it started, in MiB.</summary>
    public IReadOnlyDictionary<string, double> KernelPeaks() =>
        _processes.Select(p => (p.Key, Peak: ReadStatusMiB(p.Value, "VmHWM:"))).Where(p => p.Peak is not null)
            .ToDictionary(p => p.Key, p => p.Peak!.Value, StringComparer.Ordinal);

    private static double? ReadRssMiB(int pid) => ReadStatusMiB(pid, "VmRSS:");

    private static double? ReadStatusMiB(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is null ? null : double.Parse(kib, CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null; // the process has gone; its line simply ends
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

public sealed record MemorySample(string Process, double AtSeconds, double RssMiB);
