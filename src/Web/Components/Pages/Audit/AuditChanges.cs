using System.Text.Json;

namespace QrAspire.Web.Components.Pages.Audit;

/// <summary>An entry's changed fields as (field, old, new) text, long values (styles, routings) shortened for the table.</summary>
public static class AuditChanges
{
    private const int MaxLength = 80;

    public static IEnumerable<(string Field, string? Old, string? New)> Of(AuditEntryResponse entry)
    {
        if (entry.Changes is not { ValueKind: JsonValueKind.Object } changes)
        {
            yield break;
        }

        foreach (var field in changes.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("new", out var now) && field.Value.TryGetProperty("old", out var old))
            {
                yield return (field.Name, Text(old), Text(now));
            }
            else
            {
                yield return (field.Name, null, Text(field.Value));
            }
        }
    }

    private static string? Text(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text;
    }
}
