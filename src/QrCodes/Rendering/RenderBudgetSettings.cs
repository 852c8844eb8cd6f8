using System.Globalization;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.QrCodes.Rendering;

/// <summary>
/// How much rendering a process admits at once (docs/configuration.md): <c>RENDER_MEMORY_BUDGET_MB</c>,
/// <c>RENDER_MAX_CONCURRENT</c>, <c>RENDER_QUEUE_LIMIT</c>, <c>RENDER_QUEUE_TIMEOUT_MS</c> and <c>RENDER_NICE</c>, read
/// and validated at start.
/// </summary>
public sealed record RenderBudgetSettings
{
    /// <summary>
    /// The default byte budget: this share of the process's memory limit (its container's, else the machine's
    /// memory): 96 MiB in a 512 Mi container, as much as a quarter of the heap the runtime would take there by default.
    /// </summary>
    public const double DefaultMemoryShare = 3.0 / 16;

    /// <summary>Bytes the renders running at once may hold together.</summary>
    public long MemoryBytes { get; init; } = DefaultMemoryBytes();

    /// <summary>Renders running at once, whatever their cost.</summary>
    public int MaxConcurrent { get; init; } = DefaultMaxConcurrent();

    /// <summary>Renders that may wait for room; one more is refused at once.</summary>
    public int QueueLimit { get; init; } = 16;

    /// <summary>How long a render waits for room before it is refused.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The Linux nice value of the render threads (0 to 19; 0 renders at normal priority): how far renders yield the
    /// cores to everything else when the cores are busy.
    /// </summary>
    public int Nice { get; init; } = 10;

    /// <summary>Reads the settings; a malformed value throws <see cref="SettingsException"/>.</summary>
    public static RenderBudgetSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // `with` copies the defaults: their initializers (the memory limit read from the GC) run once.
        var defaults = new RenderBudgetSettings();
        return defaults with
        {
            MemoryBytes = Int(configuration, "RENDER_MEMORY_BUDGET_MB", 16, 1_048_576) is { } mb ? mb * 1024L * 1024L : defaults.MemoryBytes,
            MaxConcurrent = Int(configuration, "RENDER_MAX_CONCURRENT", 1, 256) ?? defaults.MaxConcurrent,
            QueueLimit = Int(configuration, "RENDER_QUEUE_LIMIT", 0, 10_000) ?? defaults.QueueLimit,
            QueueTimeout = Int(configuration, "RENDER_QUEUE_TIMEOUT_MS", 0, 60_000) is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.QueueTimeout,
            Nice = Int(configuration, "RENDER_NICE", 0, 19) ?? defaults.Nice,
        };
    }

    // Skia's pixels live outside the GC heap, so the budget is a share of the container's limit, not of the heap's:
    // a service that gives its heap a smaller share of the container (the Api's 50 %) keeps the same budget.
    private static long DefaultMemoryBytes()
    {
        var info = GC.GetGCMemoryInfo();
        var highMemoryPercent = GC.GetConfigurationVariables().TryGetValue("GCHighMemPercent", out var value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        return DefaultMemoryBytes(info.HighMemoryLoadThresholdBytes, highMemoryPercent, info.TotalAvailableMemoryBytes);
    }

    /// <summary>
    /// The budget for a process whose GC reports a high memory load at <paramref name="highMemoryLoadBytes"/>, that
    /// is <paramref name="highMemoryPercent"/> % of the memory the GC counts as physical: a container's limit, or what
    /// <c>DOTNET_GCTotalPhysicalMemory</c> says when a container is emulated. The heap's own limit does not enter it.
    /// Without the percent (a runtime that stops reporting it), the memory the heap may use stands in.
    /// </summary>
    public static long DefaultMemoryBytes(long highMemoryLoadBytes, long highMemoryPercent, long totalAvailableBytes)
    {
        var limit = highMemoryPercent is > 0 and <= 100 ? highMemoryLoadBytes / highMemoryPercent * 100 : totalAvailableBytes;
        return Math.Max(16L * 1024 * 1024, (long)(limit * DefaultMemoryShare));
    }

    // One core stays free for everything else the process does (health probes, reads, the scan path).
    private static int DefaultMaxConcurrent() => Math.Max(1, Environment.ProcessorCount - 1);

    private static int? Int(IConfiguration configuration, string name, int min, int max)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{value}'");
    }
}
