using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Batches;

/// <summary>A bulk job as the Api shows it.</summary>
public sealed record BatchResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required int TotalRows { get; init; }

    /// <summary>Rows whose code has been created.</summary>
    public required int RowsDone { get; init; }

    /// <summary>Rows whose code could not be created (the manifest says why).</summary>
    public required int RowsFailed { get; init; }

    /// <summary>The image format in the ZIP.</summary>
    public required string Format { get; init; }

    public required DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }

    /// <summary>Where to download the ZIP once completed; null before.</summary>
    public string? DownloadUrl { get; init; }

    /// <summary>Why the batch failed; null unless failed.</summary>
    public string? Error { get; init; }
}

internal static class BatchMapping
{
    public static string StatusName(BatchStatus status) => status switch
    {
        BatchStatus.Running => "running",
        BatchStatus.Completed => "completed",
        BatchStatus.Failed => "failed",
        _ => "queued",
    };

    public static BatchResponse ToResponse(this Batch batch) => new()
    {
        Id = batch.Id,
        Name = batch.Name,
        Status = StatusName(batch.Status),
        TotalRows = batch.TotalRows,
        RowsDone = batch.RowsDone,
        RowsFailed = batch.RowsFailed,
        Format = batch.Format,
        CreatedAt = batch.CreatedAt,
        StartedAt = batch.StartedAt,
        FinishedAt = batch.FinishedAt,
        DownloadUrl = batch.Status == BatchStatus.Completed ? $"/api/v1/batches/{batch.Id}/download" : null,
        Error = batch.Status == BatchStatus.Failed ? batch.Error : null,
    };
}
