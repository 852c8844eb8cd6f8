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
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private readonly List<MemorySample> _samples = [];

    public MemorySampler(IReadOnlyDictionary<string, int> processes, TimeSpan interval, IClock clock)
    {
        _processes = processes;
        _clock = clock;
        _timer = new PeriodicTimer(interval);
        Sample();
        _loop = LoopAsync();
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

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            Sample();
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

    private static double? ReadRssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
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
        _timer.Dispose();
        await _loop;
    }
}

public sealed record MemorySample(string Process, double AtSeconds, double RssMiB);
