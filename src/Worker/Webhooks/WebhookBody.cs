using System.Text.Json;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// The JSON a delivery POSTs: <c>{"id":"evt_…","type":…,"createdAt":…,"workspaceId":…,"data":{…}}</c>. Made from the
/// event row alone, so every attempt sends the same bytes.
/// </summary>
public static class WebhookBody
{
    /// <summary>The body of <paramref name="webhookEvent"/>.</summary>
    public static byte[] Of(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + webhookEvent.Payload.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", WebhookOutbox.EventId(webhookEvent.Id));
            writer.WriteString("type", webhookEvent.Type);
            writer.WriteString("createdAt", webhookEvent.CreatedAt);
            writer.WriteString("workspaceId", webhookEvent.WorkspaceId);
            writer.WritePropertyName("data");
            writer.WriteRawValue(webhookEvent.Payload);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
