using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.Worker.Batches;

/// <summary>The <c>data</c> of a <c>batch.completed</c> webhook event, sent when a batch finishes.</summary>
/// <param name="BatchId"><c>bat_…</c>.</param>
/// <param name="Name">The batch's name.</param>
/// <param name="Status"><c>completed</c>, or <c>failed</c> when it stopped.</param>
/// <param name="TotalRows">Rows in the file.</param>
/// <param name="Succeeded">Codes created.</param>
/// <param name="Failed">Rows refused.</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
public sealed record BatchCompletedData(string BatchId, string Name, string Status, int TotalRows, int Succeeded, int Failed, DateTime FinishedAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BatchCompletedData))]
internal sealed partial class BatchJson : JsonSerializerContext;
