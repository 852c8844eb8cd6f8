using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace QrAspire.Benchmarks.Gates;

/// <summary>
/// The CPU time of the measuring thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), in nanoseconds. On a machine whose
/// two cores are shared with other work, wall-clock time mostly measures how long the thread waited for a core;
/// CPU time counts only its own work (caches and memory bandwidth stay shared), so a pair's ratio stays put.
/// Falls back to the stopwatch where the clock is missing.
/// </summary>
public sealed class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static ThreadCpuClock Instance { get; } = new();

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.FromHz(1_000_000_000);

    public long GetTimestamp()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    // A plain DllImport: LibraryImport's generated marshalling would need unsafe code in this project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
