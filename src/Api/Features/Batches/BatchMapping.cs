using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Batches;

internal static class BatchMapping
{
    public static string StatusName(BatchStatus status) => WireNames.Of(status.ToState());

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
