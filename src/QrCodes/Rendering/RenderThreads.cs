using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace QrAspire.QrCodes.Rendering;

/// <summary>
/// The threads that do the CPU work of admitted renders: one for each render a <see cref="RenderBudget"/> admits at
/// once, started when first needed, each at a lowered OS priority (<see cref="RenderBudgetSettings.Nice"/>, Linux
/// only). When the cores are busy the kernel serves request threads first (health probes, reads, scan ingestion) and
/// the processes beside this one (a Redirector, PostgreSQL, Redis), and renders get what is left; when the cores are
/// idle a render runs as fast as before.
/// </summary>
internal sealed class RenderThreads(int count, int nice)
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly BlockingCollection<Action> _completions = [];
    private readonly Lock _gate = new();
    private int _started;
    private int _outstanding;

    /// <summary>Runs <paramref name="render"/> on a render thread; its exception, if any, is the task's.</summary>
    public Task<T> RunAsync<T>(Func<T> render)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            // The caller resumes from the completing thread, never from this one: a thread-pool thread that a render
            // thread happened to start would inherit its nice value and serve requests at low priority for good.
            try
            {
                var image = render();
                _completions.Add(() => done.SetResult(image));
            }
            catch (Exception error)
            {
                _completions.Add(() => done.SetException(error));
            }
        });
        lock (_gate)
        {
            if (_started == 0)
            {
                new Thread(Complete) { IsBackground = true, Name = "render-done" }.Start();
            }

            // As many threads as renders in hand, up to the budget's concurrency: an admitted render never waits
            // for another to finish.
            if (++_outstanding > _started && _started < count)
            {
                _started++;
                new Thread(Serve) { IsBackground = true, Name = "render" }.Start();
            }
        }

        return done.Task;
    }

    private void Serve()
    {
        LowerPriority(nice);
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
            lock (_gate)
            {
                _outstanding--;
            }
        }
    }

    // At normal priority: completes the callers' tasks, so their continuations are queued (and any thread-pool thread
    // started for them is created) by a thread at the process's own priority.
    private void Complete()
    {
        foreach (var completion in _completions.GetConsumingEnumerable())
        {
            completion();
        }
    }

    // Linux keeps a nice value per thread, and setpriority(PRIO_PROCESS, 0, n) sets the calling thread's. Lowering
    // one's own priority needs no privilege; if the call fails anyway the thread renders at normal priority.
    private static void LowerPriority(int nice)
    {
        if (nice > 0 && OperatingSystem.IsLinux())
        {
            _ = NativeMethods.SetPriority(NativeMethods.PrioProcess, 0, nice);
        }
    }

    private static class NativeMethods
    {
        public const int PrioProcess = 0;

        [DllImport("libc", EntryPoint = "setpriority")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SetPriority(int which, int who, int priority);
    }
}
