using System.Globalization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Worker.Batches;

/// <summary>Settings of bulk jobs, read and validated at start-up.</summary>
public sealed record BatchSettings
{
    /// <summary>How long a claim lasts without renewal (<c>BATCH_LEASE_SECONDS</c>, 2–3,600, default 60): a Worker silent for longer is taken over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Rows created per transaction (<c>BATCH_CHUNK_SIZE</c>, 1–1,000, default 100).</summary>
    public int ChunkSize { get; init; } = 100;

    /// <summary>How often an idle Worker looks for queued batches (<c>BATCH_POLL_MILLISECONDS</c>, 50–60,000, default 2,000).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Claims after which a batch that keeps failing is marked failed (<c>BATCH_MAX_ATTEMPTS</c>, 1–100, default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Images rendered at once by this Worker, across all its batches (<c>BATCH_RENDER_PARALLELISM</c>, 1–64, default
    /// the processor count less one, at least 1): one core is left to scan ingestion and e-mail.
    /// </summary>
    public int RenderParallelism { get; init; } = DefaultRenderParallelism;

    /// <summary>Batches one Worker runs at once (<c>BATCH_CONCURRENCY</c>, 1–16, default 2), so that a small job need not wait for a large one.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Batches of one account running at once on all Workers together (<c>BATCH_RUNNING_PER_ACCOUNT</c>, 1–100, default 1).</summary>
    public int RunningPerAccount { get; init; } = 1;

    private static int DefaultRenderParallelism => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Reads the settings; a malformed value throws <see cref="SettingsException"/>.</summary>
    public static BatchSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new BatchSettings
        {
            Lease = TimeSpan.FromSeconds(Int(configuration, "BATCH_LEASE_SECONDS", 60, 2, 3600)),
            ChunkSize = Int(configuration, "BATCH_CHUNK_SIZE", 100, 1, 1000),
            PollInterval = TimeSpan.FromMilliseconds(Int(configuration, "BATCH_POLL_MILLISECONDS", 2000, 50, 60_000)),
            MaxAttempts = Int(configuration, "BATCH_MAX_ATTEMPTS", 5, 1, 100),
            RenderParallelism = Int(configuration, "BATCH_RENDER_PARALLELISM", DefaultRenderParallelism, 1, 64),
            Concurrency = Int(configuration, "BATCH_CONCURRENCY", 2, 1, 16),
            RunningPerAccount = Int(configuration, "BATCH_RUNNING_PER_ACCOUNT", 1, 1, 100),
        };
    }

    private static int Int(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{value}'");
    }
}
