using System.Text.Json;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Audit;

internal static class AuditMapping
{
    public static AuditEntryResponse ToResponse(AuditEntry entry) => new(
        entry.Id, entry.OccurredAt, entry.Action, entry.ActorKind, entry.ActorId, entry.ApiKeyId, entry.TargetType, entry.TargetId,
        Changes(entry), entry.ClientAddress);

    public static JsonElement? Changes(AuditEntry entry)
    {
        if (entry.Changes is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(entry.Changes);
        return document.RootElement.Clone();
    }
}
