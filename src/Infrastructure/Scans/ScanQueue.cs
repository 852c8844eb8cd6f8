using System.Text.Json;

namespace QrAspire.Infrastructure.Scans;

/// <summary>
/// The durable scan queue in Redis: plain lists, because the embedded Garnet has no Streams and no Lua.
/// The Redirector appends with <c>RPUSH</c> <see cref="Key"/>; the Worker takes events with the reliable-queue
/// pattern — <c>LMOVE</c> <see cref="Key"/> <see cref="ProcessingKey"/> <c>LEFT RIGHT</c> (or <c>BLMOVE</c>),
/// writes the scan idempotently by its id, then <c>LREM</c> <see cref="ProcessingKey"/> <c>1</c> the same value;
/// on start it moves what is left in <see cref="ProcessingKey"/> back (a crash between the two steps).
/// </summary>
public static class ScanQueue
{
    /// <summary>The list the Redirector appends scan events to (oldest at the left).</summary>
    public const string Key = "qraspire:scans:queue";

    /// <summary>The list a Worker moves an event to while it processes it.</summary>
    public const string ProcessingKey = "qraspire:scans:processing";

    /// <summary>UTF-8 JSON of <paramref name="scan"/>, the exact bytes of one list element.</summary>
    public static byte[] Serialize(ScanEvent scan) =>
        JsonSerializer.SerializeToUtf8Bytes(scan, ScanEventJsonContext.Default.ScanEvent);

    /// <summary>Reads one list element; throws <see cref="JsonException"/> when it is not a scan event.</summary>
    public static ScanEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ScanEventJsonContext.Default.ScanEvent)
        ?? throw new JsonException("a scan event cannot be null");
}
