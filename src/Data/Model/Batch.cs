namespace QrAspire.Data.Model;

/// <summary>
/// A bulk job: codes to create from a CSV, then render into one ZIP. The Api stores it with its validated rows
/// (<see cref="BatchRow"/>) as <see cref="BatchStatus.Queued"/>; a Worker claims it with a lease that it renews
/// while it works, so a batch whose Worker died is taken over by another once the lease has expired.
/// </summary>
public sealed class Batch
{
    /// <summary>Public id, <c>bat_</c> followed by random base62.</summary>
    public required string Id { get; init; }

    /// <summary>The owning account.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>
    /// The account that started it (through an API key: the key's creator), who hears when it finishes; null for
    /// batches from before the column existed.
    /// </summary>
    public string? CreatedBy { get; init; }

    /// <summary>A name the owner chose (or the file's name).</summary>
    public required string Name { get; init; }

    /// <summary>Where the job is.</summary>
    public BatchStatus Status { get; set; }

    /// <summary>The image format of every file in the ZIP (<c>png</c>, <c>svg</c>, <c>pdf</c>, <c>eps</c>, <c>jpg</c>, <c>webp</c>).</summary>
    public required string Format { get; init; }

    /// <summary>Data rows in the CSV.</summary>
    public int TotalRows { get; init; }

    /// <summary>Rows whose code has been created.</summary>
    public int RowsDone { get; set; }

    /// <summary>Rows whose code could not be created (the reason is on the row and in the manifest).</summary>
    public int RowsFailed { get; set; }

    /// <summary>When it was accepted (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When a Worker first claimed it.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When it completed or failed.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>The Worker holding the lease, while running.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Another Worker may take the batch over after this instant (UTC).</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>How many times a Worker has claimed it; each claim's number fences off the Workers before it.</summary>
    public int Attempts { get; set; }

    /// <summary>Where the ZIP is in blob storage, once completed.</summary>
    public string? BlobKey { get; set; }

    /// <summary>Why the batch failed, when it did.</summary>
    public string? Error { get; set; }
}

/// <summary>Where a batch is.</summary>
public enum BatchStatus
{
    /// <summary>Accepted, waiting for a Worker.</summary>
    Queued = 0,

    /// <summary>A Worker is creating or rendering its codes.</summary>
    Running = 1,

    /// <summary>The ZIP is ready.</summary>
    Completed = 2,

    /// <summary>Given up (see <see cref="Batch.Error"/>).</summary>
    Failed = 3,
}

/// <summary>
/// One validated CSV row of a batch. The Worker creates its code in the same transaction that sets
/// <see cref="QrCodeId"/> (or <see cref="Error"/>) and <see cref="ProcessedAt"/>, so a restarted job never creates a row's code twice.
/// </summary>
public sealed class BatchRow
{
    /// <summary>The batch.</summary>
    public required string BatchId { get; init; }

    /// <summary>The row's line number in the file (the header is line 1).</summary>
    public int Line { get; init; }

    /// <summary>The code to create, as JSON (a validated <c>NewQrCode</c>).</summary>
    public required string Spec { get; init; }

    /// <summary>The created code.</summary>
    public string? QrCodeId { get; set; }

    /// <summary>Why the code could not be created.</summary>
    public string? Error { get; set; }

    /// <summary>When the row was processed (created or failed); null while pending.</summary>
    public DateTime? ProcessedAt { get; set; }
}
