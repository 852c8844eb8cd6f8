namespace QrAspire.Contracts;

/// <summary>A bulk job as the Api shows it.</summary>
public sealed record BatchResponse
{
    /// <remarks><c>bat_</c> and 20 characters.</remarks>
    public required string Id { get; init; }

    /// <remarks>The name.</remarks>
    public required string Name { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <remarks>Rows in the CSV.</remarks>
    public required int TotalRows { get; init; }

    /// <summary>Rows whose code has been created.</summary>
    public required int RowsDone { get; init; }

    /// <summary>Rows whose code could not be created (the manifest says why).</summary>
    public required int RowsFailed { get; init; }

    /// <summary>The image format in the ZIP.</summary>
    public required string Format { get; init; }

    /// <remarks>When the batch was accepted (UTC).</remarks>
    public required DateTime CreatedAt { get; init; }

    /// <remarks>When a Worker started it (UTC).</remarks>
    public DateTime? StartedAt { get; init; }

    /// <remarks>When it completed or failed (UTC).</remarks>
    public DateTime? FinishedAt { get; init; }

    /// <summary>Where to download the ZIP once completed; null before.</summary>
    public string? DownloadUrl { get; init; }

    /// <summary>Why the batch failed; null unless failed.</summary>
    public string? Error { get; init; }
}

/// <summary>A page of batches, newest first.</summary>
public sealed record BatchPage(IReadOnlyList<BatchResponse> Items, string? NextCursor);

/// <remarks>Why a row of a refused CSV is wrong: its line, the column and a reason.</remarks>
public sealed record BatchRowError(int Line, string Field, string Message);
