using System.Diagnostics;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

/// <summary>
/// The sampler against a fake clock: how many samples and when is exact; what they read is the real /proc. Between
/// creating a sampler and reading its samples a test does not await: the sampler then resumes inline in each step of
/// the clock, as the scheduler's tests rely on too.
/// </summary>
public sealed class MemorySamplerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task ResidentMemoryIsSampledEveryIntervalAndFollowsWhatTheProcessTouches()
    {
        var clock = new FakeClock();
        byte[] ballast;
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId }, Interval, clock))
        {
            clock.Walk(3 * Interval, Interval);
            // 128 MiB written page by page: resident, unlike memory only reserved.
            ballast = new byte[128 * 1024 * 1024];
            for (var i = 0; i < ballast.Length; i += 4096)
            {
                ballast[i] = 1;
            }

            clock.Walk(6 * Interval, Interval);
            samples = sampler.Samples;
        }

        GC.KeepAlive(ballast);
        // One at the start, then one per interval.
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], samples.Select(s => Math.Round(s.AtSeconds, 3)));
        Assert.All(samples, s => Assert.Equal("self", s.Process));
        Assert.True(samples[0].RssMiB > 10, $"a .NET process is larger than {samples[0].RssMiB} MiB");
        // The rise is the ballast (MiB, not KiB or pages), give or take what the runtime did meanwhile.
        Assert.InRange(samples[^1].RssMiB - samples[3].RssMiB, 100, 400);
    }

    [Fact]
    public async Task TicksAStarvedProcessMissedAreSkippedNotMadeUpInABurst()
    {
        var clock = new FakeClock();
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId }, Interval, clock))
        {
            clock.JumpTo(TimeSpan.FromMilliseconds(350)); // woken 250 ms late
            clock.Walk(TimeSpan.FromMilliseconds(500), Interval / 2);
            samples = sampler.Samples;
        }

        Assert.Equal([0, 0.35, 0.4, 0.5], samples.Select(s => Math.Round(s.AtSeconds, 3)));
    }

    [Fact]
    public async Task NoSampleIsTakenAfterTheSamplerIsDisposed()
    {
        var clock = new FakeClock();
        var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId }, Interval, clock);
        clock.Walk(2 * Interval, Interval);

        await sampler.DisposeAsync();
        clock.Walk(5 * Interval, Interval);

        Assert.Equal(3, sampler.Samples.Count);
    }

    [Fact]
    public async Task AProcessThatExitsEndsItsLineWithoutStoppingTheOthers()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var clock = new FakeClock();
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new MemorySampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId, ["sleep"] = child.Id }, Interval, clock))
        {
            clock.Walk(3 * Interval, Interval);
            child.Kill();
            child.WaitForExit();
            clock.Walk(6 * Interval, Interval);
            samples = sampler.Samples;
        }

        var sleep = samples.Where(s => s.Process == "sleep").ToList();
        var self = samples.Where(s => s.Process == "self").ToList();
        Assert.Equal([0, 0.1, 0.2, 0.3], sleep.Select(s => Math.Round(s.AtSeconds, 3)));
        Assert.All(sleep, s => Assert.InRange(s.RssMiB, 0.001, 50)); // tiny at first: sampled maybe before its exec
        Assert.Equal(7, self.Count);
    }
}
