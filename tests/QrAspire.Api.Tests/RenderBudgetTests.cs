using Microsoft.Extensions.Configuration;
using QrAspire.QrCodes.Rendering;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Tests;

/// <summary>The render budget's admission rules: bytes and slots, a bounded first-come queue, refusal.</summary>
[Trait("Tier", "Unit")]
public sealed class RenderBudgetTests
{
    private const long MiB = 1024 * 1024;

    private static RenderBudget Budget(long megabytes = 100, int concurrent = 8, int queue = 8, int timeoutMs = 60_000) => new(new RenderBudgetSettings
    {
        MemoryBytes = megabytes * MiB,
        MaxConcurrent = concurrent,
        QueueLimit = queue,
        QueueTimeout = TimeSpan.FromMilliseconds(timeoutMs),
    });

    [Fact]
    public async Task RendersAreAdmittedWhileTheirCostsFitTheBytes()
    {
        var budget = Budget(megabytes: 100);

        using var first = await budget.TryEnterAsync(60 * MiB, CancellationToken.None);
        using var second = await budget.TryEnterAsync(40 * MiB, CancellationToken.None);
        var third = budget.TryEnterAsync(1 * MiB, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, budget.Waiting);
        Assert.Equal(100 * MiB, budget.HeldBytes);
    }

    [Fact]
    public async Task RendersAreAdmittedWhileSlotsAreFreeWhateverTheirCost()
    {
        var budget = Budget(concurrent: 2);

        using var first = await budget.TryEnterAsync(1, CancellationToken.None);
        using var second = await budget.TryEnterAsync(1, CancellationToken.None);
        var third = budget.TryEnterAsync(1, CancellationToken.None);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, budget.Running);
    }

    [Fact]
    public async Task ARenderCostingMoreThanTheWholeBudgetRunsAlone()
    {
        var budget = Budget(megabytes: 100);

        using (var huge = await budget.TryEnterAsync(500 * MiB, CancellationToken.None))
        {
            Assert.NotNull(huge);
            Assert.Equal(100 * MiB, huge.Charge);
            Assert.False(budget.TryEnterAsync(1, CancellationToken.None).IsCompleted);
        }

        Assert.Equal(0, budget.Waiting);
        Assert.Equal(1, budget.Running); // the small one, admitted when the huge one finished
    }

    [Fact]
    public async Task ARenderIsRefusedAtOnceWhenTheQueueIsFull()
    {
        var budget = Budget(concurrent: 1, queue: 1);
        using var running = await budget.TryEnterAsync(1, CancellationToken.None);
        var waiting = budget.TryEnterAsync(1, CancellationToken.None);

        var refused = budget.TryEnterAsync(1, CancellationToken.None);

        Assert.True(refused.IsCompleted);
        Assert.Null(await refused);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task ARenderThatWaitsLongerThanTheQueueTimeoutIsRefusedAndLeavesTheQueue()
    {
        var budget = Budget(concurrent: 1, timeoutMs: 1);
        using var running = await budget.TryEnterAsync(1, CancellationToken.None);

        var refused = await budget.TryEnterAsync(1, CancellationToken.None);

        Assert.Null(refused);
        Assert.Equal(0, budget.Waiting);
        Assert.Equal(1, budget.Running);
    }

    [Fact]
    public async Task WaitingRendersAreAdmittedInArrivalOrderAndALargeOneIsNotOvertaken()
    {
        var budget = Budget(megabytes: 100);
        var running = await budget.TryEnterAsync(90 * MiB, CancellationToken.None);
        var large = budget.TryEnterAsync(80 * MiB, CancellationToken.None).AsTask();
        var small = budget.TryEnterAsync(5 * MiB, CancellationToken.None).AsTask();

        // 5 MiB would fit beside the 90, but the 80 came first.
        Assert.False(small.IsCompleted);
        running!.Dispose();
        using var largePermit = await large;
        using var smallPermit = await small;

        Assert.Equal(80 * MiB, largePermit!.Charge);
        Assert.Equal(85 * MiB, budget.HeldBytes);
    }

    [Fact]
    public async Task ReleasingAPermitTwiceGivesItsShareBackOnce()
    {
        var budget = Budget(megabytes: 100);
        var permit = await budget.TryEnterAsync(30 * MiB, CancellationToken.None);

        permit!.Dispose();
        permit.Dispose();

        Assert.Equal(0, budget.HeldBytes);
        Assert.Equal(0, budget.Running);
    }

    [Fact]
    public async Task BulkWorkWaitsBeyondTheQueueLimitAndIsAdmittedWhenRoomComesFree()
    {
        var budget = Budget(concurrent: 1, queue: 0, timeoutMs: 1);
        var running = await budget.TryEnterAsync(1, CancellationToken.None);

        var bulk = budget.EnterAsync(1, CancellationToken.None).AsTask();
        Assert.False(bulk.IsCompleted);
        running!.Dispose();

        using var admitted = await bulk;
        Assert.Equal(1, budget.Running);
    }

    [Fact]
    public async Task AWaitIsCancelledWithItsCallerAndLeavesTheQueue()
    {
        var budget = Budget(concurrent: 1);
        using var running = await budget.TryEnterAsync(1, CancellationToken.None);
        using var caller = new CancellationTokenSource();

        var waiting = budget.TryEnterAsync(1, caller.Token).AsTask();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, budget.Waiting);
    }

    [Theory]
    [InlineData("RENDER_MEMORY_BUDGET_MB", "0")]
    [InlineData("RENDER_MEMORY_BUDGET_MB", "lots")]
    [InlineData("RENDER_MAX_CONCURRENT", "0")]
    [InlineData("RENDER_QUEUE_LIMIT", "-1")]
    [InlineData("RENDER_QUEUE_TIMEOUT_MS", "600000")]
    [InlineData("RENDER_NICE", "20")]
    public void ABadSettingIsNamed(string name, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(name, value)]).Build();

        var error = Assert.Throws<SettingsException>(() => RenderBudgetSettings.From(configuration));

        Assert.Equal(name, error.Setting);
    }

    [Fact]
    public void TheSettingsOverrideTheDerivedDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("RENDER_MEMORY_BUDGET_MB", "64"), new("RENDER_MAX_CONCURRENT", "3"), new("RENDER_QUEUE_LIMIT", "0"), new("RENDER_QUEUE_TIMEOUT_MS", "250"), new("RENDER_NICE", "0")]).Build();

        var settings = RenderBudgetSettings.From(configuration);

        Assert.Equal(new RenderBudgetSettings { MemoryBytes = 64 * MiB, MaxConcurrent = 3, QueueLimit = 0, QueueTimeout = TimeSpan.FromMilliseconds(250), Nice = 0 }, settings);
    }

    // The GC reports a high memory load at 90 % of the memory it counts as physical: the container's limit.
    [Theory]
    [InlineData(512L * MiB, 90, 384L * MiB, 96L * MiB)] // the Api's 512 Mi, whatever share its heap takes
    [InlineData(512L * MiB, 90, 256L * MiB, 96L * MiB)]
    [InlineData(1024L * MiB, 90, 768L * MiB, 192L * MiB)] // the Worker's 1 Gi
    [InlineData(64L * MiB, 90, 48L * MiB, 16L * MiB)] // never below 16 MiB
    [InlineData(0L, 0, 256L * MiB, 48L * MiB)] // no percent reported: the heap's limit stands in
    public void TheDefaultBudgetIsAShareOfTheContainerNotOfTheHeap(long limit, long percent, long heap, long expected)
    {
        var highMemoryLoad = limit * percent / 100;

        var budget = RenderBudgetSettings.DefaultMemoryBytes(highMemoryLoad, percent, heap);

        Assert.InRange(budget, expected - 64, expected);
    }

    [SkippableFact]
    public async Task AnAdmittedRenderRunsOnARenderThreadAtTheLoweredPriority()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread nice values are read from /proc, which only Linux has");
        var budget = new RenderBudget(new RenderBudgetSettings { MemoryBytes = 100 * MiB, MaxConcurrent = 2, Nice = 7 });

        var callerNice = ThreadNice();
        using var permit = await budget.TryEnterAsync(1, CancellationToken.None);
        var (thread, nice) = await permit!.RunAsync(() => (Environment.CurrentManagedThreadId, ThreadNice()));

        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
        Assert.Equal(callerNice + 7, nice);
    }

    [SkippableFact]
    public async Task CallersResumeAtTheirOwnPriorityNeverOnAThreadARenderThreadStarted()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "thread nice values are read from /proc, which only Linux has");
        var budget = new RenderBudget(new RenderBudgetSettings { MemoryBytes = 100 * MiB, MaxConcurrent = 2, Nice = 7 });
        var callerNice = ThreadNice();

        // Many short renders at once make the thread pool start threads while renders complete.
        var resumedAt = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var permit = await budget.EnterAsync(1, CancellationToken.None);
            await permit.RunAsync(() => 0);
            return ThreadNice();
        }));

        Assert.All(resumedAt, nice => Assert.Equal(callerNice, nice));
    }

    [Fact]
    public async Task ARenderThatThrowsRethrowsToItsCallerAndTheThreadsGoOn()
    {
        var budget = Budget(concurrent: 1);

        using (var permit = await budget.TryEnterAsync(1, CancellationToken.None))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => permit!.RunAsync<int>(() => throw new InvalidOperationException("bad render")));
        }

        using var next = await budget.TryEnterAsync(1, CancellationToken.None);
        Assert.Equal(42, await next!.RunAsync(() => 42));
    }

    [Fact]
    public async Task AdmittedRendersRunAtTheSameTimeUpToTheBudgetsConcurrency()
    {
        var budget = Budget(concurrent: 3);
        using var both = new Barrier(3);

        var permits = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => budget.TryEnterAsync(1, CancellationToken.None).AsTask()));
        // Each render waits for the other two: they finish only if all three run at once.
        var renders = permits.Select(permit => permit!.RunAsync(() => both.SignalAndWait(TimeSpan.FromSeconds(30)))).ToArray();

        Assert.All(await Task.WhenAll(renders), Assert.True);
        foreach (var permit in permits)
        {
            permit!.Dispose();
        }
    }

    // The nice value of the calling thread: field 19 of /proc/thread-self/stat (after the command name in parentheses).
    private static int ThreadNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
