using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QrAspire.LoadTests.Harness;

/// <summary>
/// One dedicated thread that completes waits at their Stopwatch timestamp. It sleeps with nanosleep for the last
/// couple of milliseconds (Thread.Sleep and Task.Delay round to whole milliseconds and then wait for a thread-pool
/// thread), never spins: on two shared cores a spinning client would take a core from the server it measures. A
/// completed wait's continuation runs on this thread, so the open-model scheduler sends a due request from here.
/// </summary>
internal static partial class PreciseTimer
{
    /// <summary>Above this a wait parks on the monitor (woken early when an earlier wait arrives); below it, nanosleep.</summary>
    private static readonly long ParkAbove = Stopwatch.Frequency / 500;

    private static readonly object Gate = new();
    private static readonly PriorityQueue<TaskCompletionSource, long> Waits = new();
    private static Thread? _thread;

    public static Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (Stopwatch.GetTimestamp() >= timestamp)
        {
            return Task.CompletedTask;
        }

        // Continuations run synchronously on the timer thread: that is the point (see the class comment).
        var wait = new TaskCompletionSource();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), wait);
        }

        lock (Gate)
        {
            Waits.Enqueue(wait, timestamp);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "load schedule", Priority = ThreadPriority.AboveNormal };
                _thread.Start();
            }
            else
            {
                Monitor.PulseAll(Gate);
            }
        }

        return wait.Task;
    }

    private static void Run()
    {
        while (true)
        {
            TaskCompletionSource? due = null;
            long remaining;
            lock (Gate)
            {
                while (Waits.Count == 0 || Waits.Peek().Task.IsCompleted)
                {
                    if (Waits.Count == 0)
                    {
                        Monitor.Wait(Gate);
                    }
                    else
                    {
                        Waits.Dequeue(); // cancelled
                    }
                }

                Waits.TryPeek(out var first, out var timestamp);
                remaining = timestamp - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    due = Waits.Dequeue();
                }
                else if (remaining > ParkAbove)
                {
                    Monitor.Wait(Gate, TimeSpan.FromSeconds((double)(remaining - (ParkAbove / 2)) / Stopwatch.Frequency));
                    continue;
                }
            }

            if (due is not null)
            {
                due.TrySetResult();
            }
            else
            {
                Sleep(remaining);
            }
        }
    }

    private static void Sleep(long ticks)
    {
        var nanoseconds = ticks * 1_000_000_000 / Stopwatch.Frequency;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = NanoSleep(in request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);
}
