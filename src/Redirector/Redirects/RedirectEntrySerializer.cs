using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace QrAspire.Redirector.Redirects;

/// <summary>HybridCache's L2 serializer for <see cref="RedirectEntry"/>, through the source-generated context (AOT-safe).</summary>
internal sealed class RedirectEntrySerializer : IHybridCacheSerializer<RedirectEntry>
{
    public RedirectEntry Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, RedirectEntryJsonContext.Default.RedirectEntry)
            ?? throw new JsonException("a cached redirect entry cannot be null");
    }

    public void Serialize(RedirectEntry value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, RedirectEntryJsonContext.Default.RedirectEntry);
    }
}
