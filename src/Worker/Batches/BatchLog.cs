namespace QrAspire.Worker.Batches;

// The steps of one bulk job log under one category, the processor's (ILogger<BatchProcessor>), as before they were split.
internal static partial class BatchLog
{
    [LoggerMessage(EventId = 6000, EventName = "batch_claimed", Level = LogLevel.Information, Message = "batch {batch_id} claimed (attempt {attempt})")]
    public static partial void Claimed(ILogger logger, string batch_id, int attempt);

    [LoggerMessage(EventId = 6001, EventName = "batch_lease_lost", Level = LogLevel.Warning, Message = "batch {batch_id}: lease lost to another worker; stopped")]
    public static partial void LeaseLost(ILogger logger, string batch_id);

    [LoggerMessage(EventId = 6002, EventName = "batch_attempt_failed", Level = LogLevel.Error, Message = "batch {batch_id}: attempt {attempt} failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string batch_id, int attempt);

    [LoggerMessage(EventId = 6003, EventName = "batch_release_failed", Level = LogLevel.Warning, Message = "batch {batch_id}: could not release the lease")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string batch_id);

    [LoggerMessage(EventId = 6004, EventName = "batch_loop_failed", Level = LogLevel.Error, Message = "looking for batches failed; retrying")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6006, EventName = "batch_phases", Level = LogLevel.Information,
        Message = "batch {batch_id}: rows created in {create_ms} ms, ZIP of {zip_bytes} bytes rendered and stored in {zip_ms} ms; "
            + "at most {pending_image_bytes} image bytes waited to be written and the upload held {upload_buffered_bytes} of its {upload_buffer_bytes} bytes")]
    public static partial void Phases(
        ILogger logger, string batch_id, double create_ms, long zip_bytes, double zip_ms, long pending_image_bytes, int upload_buffered_bytes, int upload_buffer_bytes);

    [LoggerMessage(EventId = 6005, EventName = "batch_finished", Level = LogLevel.Information,
        Message = "batch {batch_id} {status}: {rows_done} created, {rows_failed} failed, in {duration_ms} ms")]
    public static partial void Finished(ILogger logger, string batch_id, string status, int rows_done, int rows_failed, double duration_ms);
}
