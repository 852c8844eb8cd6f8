namespace QrAspire.Api.Features.Batches.Get;

public sealed record GetBatchRequest(string Id);
