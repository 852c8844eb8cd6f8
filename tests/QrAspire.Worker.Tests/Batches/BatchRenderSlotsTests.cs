using QrAspire.QrCodes.Rendering;
using QrAspire.Worker.Batches;

namespace QrAspire.Worker.Tests.Batches;

/// <summary>Bulk renders are admitted by the process's render budget, not only by the Worker's render slots.</summary>
public sealed class BatchRenderSlotsTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task BulkRendersNeverHoldMoreThanTheBudgetAtOnce()
    {
        // Eight slots would let eight renders run; a 16 MiB budget has room for two of 6 MiB.
        var budget = new RenderBudget(new RenderBudgetSettings { MemoryBytes = 16 * MiB, MaxConcurrent = 64 });
        using var slots = new BatchRenderSlots(new BatchSettings { RenderParallelism = 8 }, budget);
        using var release = new ManualResetEventSlim();
        var running = 0;
        var mostAtOnce = 0;

        var renders = Enumerable.Range(0, 12).Select(i => slots.RunAsync(6 * MiB, () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToList();

        // The renders the slots let through either run or wait for the budget; none runs past it.
        await WaitUntilAsync(() => budget.Running == 2 && budget.Waiting == 6 && Volatile.Read(ref running) == 2);
        Assert.Equal(12 * MiB, budget.HeldBytes);
        release.Set();

        Assert.Equal(Enumerable.Range(0, 12), await Task.WhenAll(renders));
        Assert.Equal(2, mostAtOnce);
        Assert.Equal(0, budget.Running);
        Assert.Equal(0, budget.HeldBytes);
    }

    [Fact]
    public async Task ARenderCostingMoreThanTheBudgetRunsAlone()
    {
        var budget = new RenderBudget(new RenderBudgetSettings { MemoryBytes = 16 * MiB, MaxConcurrent = 64 });
        using var slots = new BatchRenderSlots(new BatchSettings { RenderParallelism = 4 }, budget);
        using var release = new ManualResetEventSlim();
        var running = 0;

        var large = slots.RunAsync(340 * MiB, () =>
        {
            Interlocked.Increment(ref running);
            release.Wait(TimeSpan.FromSeconds(30));
            return Interlocked.Decrement(ref running);
        }, CancellationToken.None);
        await WaitUntilAsync(() => budget.Running == 1);
        var small = slots.RunAsync(1 * MiB, () => Volatile.Read(ref running), CancellationToken.None);
        await WaitUntilAsync(() => budget.Waiting == 1);

        Assert.False(small.IsCompleted);
        release.Set();
        Assert.Equal(0, await large);
        Assert.Equal(0, await small);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the renders did not reach the expected state within 30 s");
            await Task.Delay(10);
        }
    }
}
