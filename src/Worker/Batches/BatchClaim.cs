namespace QrAspire.Worker.Batches;

/// <summary>A claimed batch: its id and owner, and this claim's number (<see cref="Data.Model.Batch.Attempts"/>).</summary>
public sealed record BatchClaim(string BatchId, string WorkspaceId, string Name, string Format, int TotalRows, int Attempt);

/// <summary>This Worker no longer holds the batch (its lease expired and another Worker took it).</summary>
internal sealed class BatchLeaseLostException() : Exception("the batch's lease was lost to another worker");
