using System.Text.Json;

namespace QrAspire.Platform.Scans;

/// <summary>
/// The durable scan queue in Redis: plain lists, because the embedded Garnet has no Streams and no Lua.
/// The Redirector appends with <c>RPUSH</c> <see cref="Key"/>; each Worker takes events with the reliable-queue
/// pattern — <c>LMOVE</c> <see cref="Key"/> into its own processing list (<c>{ProcessingKey}:{SlotTag}:{worker}</c>, kept alive
/// by a heartbeat key), writes the batch idempotently by scan id, then empties its list. A Worker whose heartbeat
/// expired (it died mid-batch) has its list moved back to the queue by another Worker (docs/analytics.md).
/// </summary>
public static class ScanQueue
{
    /// <summary>The list the Redirector appends scan events to (oldest at the left).</summary>
    public const string Key = "qraspire:scans:queue";

    /// <summary>Prefix of the per-Worker lists events wait in while they are processed (the bare key is a legacy list the Worker also drains).</summary>
    public const string ProcessingKey = "qraspire:scans:processing";

    /// <summary>
    /// The hash tag that puts a key in <paramref name="queueKey"/>'s Redis Cluster slot: the queue's own tag when it
    /// has one, else its whole name in braces (Redis hashes an untagged key by its whole name). <c>LMOVE</c> needs both
    /// lists in one slot, so every processing list carries it.
    /// </summary>
    public static string SlotTag(string queueKey)
    {
        var open = queueKey.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : queueKey.IndexOf('}', open + 1);
        return close > open + 1 ? queueKey[open..(close + 1)] : "{" + queueKey + "}";
    }

    /// <summary>UTF-8 JSON of <paramref name="scan"/>, the exact bytes of one list element.</summary>
    public static byte[] Serialize(ScanEvent scan) =>
        JsonSerializer.SerializeToUtf8Bytes(scan, ScanEventJsonContext.Default.ScanEvent);

    /// <summary>Reads one list element; throws <see cref="JsonException"/> when it is not a scan event.</summary>
    public static ScanEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ScanEventJsonContext.Default.ScanEvent)
        ?? throw new JsonException("a scan event cannot be null");
}
