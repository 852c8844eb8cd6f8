using System.Diagnostics;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

public sealed class MemorySamplerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task ResidentMemoryIsSampledEveryIntervalAndFollowsWhatTheProcessTouches()
    {
        var clock = new SystemClock();
        byte[] ballast;
        IReadOnlyList<MemorySample> samples;
        var watch = Stopwatch.StartNew();
        await using (var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId }, Interval, clock))
        {
            await Task.Delay(350);
            // 128 MiB written page by page: resident, unlike memory only reserved.
            ballast = new byte[128 * 1024 * 1024];
            for (var i = 0; i < ballast.Length; i += 4096)
            {
                ballast[i] = 1;
            }

            await Task.Delay(350);
            samples = sampler.Samples;
        }

        GC.KeepAlive(ballast);
        // One at the start, then one per interval (a busy machine may stretch an interval, never add one).
        var intervals = watch.Elapsed / Interval;
        Assert.InRange(samples.Count, Math.Min(5, intervals / 2), intervals + 2);
        Assert.All(samples, s => Assert.Equal("self", s.Process));
        Assert.Equal(samples.OrderBy(s => s.AtSeconds), samples);
        // Ticks a busy machine delayed may come close together (PeriodicTimer does not queue missed ones), never far apart.
        Assert.All(samples.Zip(samples.Skip(1)), pair => Assert.InRange(pair.Second.AtSeconds - pair.First.AtSeconds, 0, 2));
        Assert.True(samples[0].RssMiB > 10, $"a .NET process is larger than {samples[0].RssMiB} MiB");
        // The rise is the ballast (MiB, not KiB or pages), give or take what the runtime did meanwhile.
        Assert.InRange(samples[^1].RssMiB - samples[0].RssMiB, 100, 400);
    }

    [Fact]
    public async Task AProcessThatExitsEndsItsLineWithoutStoppingTheOthers()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var clock = new SystemClock();
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId, ["sleep"] = child.Id }, Interval, clock))
        {
            await Task.Delay(350);
            child.Kill();
            await child.WaitForExitAsync();
            await Task.Delay(350);
            samples = sampler.Samples;
        }

        var sleep = samples.Where(s => s.Process == "sleep").ToList();
        var self = samples.Where(s => s.Process == "self").ToList();
        Assert.InRange(sleep.Count, 2, 5);
        Assert.All(sleep, s => Assert.InRange(s.RssMiB, 0.001, 50)); // tiny at first: sampled maybe before its exec
        Assert.True(self.Count > sleep.Count + 1, $"self {self.Count} samples, sleep {sleep.Count}");
        Assert.True(self[^1].AtSeconds > sleep[^1].AtSeconds + 0.2);
    }
}
