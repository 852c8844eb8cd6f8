using System.Globalization;
using System.Text;
using System.Text.Json;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180), streamed as it is read: one line per changed field
/// (<c>id,occurred_at,action,actor_kind,actor_id,api_key_id,target_type,target_id,client_address,field,old,new</c>),
/// one line with empty field columns for an entry without changes. Values a spreadsheet would run as formulas
/// (starting with <c>= + - @</c>, tab or CR) are prefixed with a quote.
/// </summary>
internal static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The most entries one export holds: the whole export is one query, and a spreadsheet has to open it.</summary>
    public const int MaxEntries = 100_000;

    private const string Header = "id,occurred_at,action,actor_kind,actor_id,api_key_id,target_type,target_id,client_address,field,old,new\r\n";

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header);
        var line = new StringBuilder();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            var prefix = string.Join(',',
                entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
                Field(entry.Action), Field(entry.ActorKind), Field(entry.ActorId), Field(entry.ApiKeyId), Field(entry.TargetType),
                Field(entry.TargetId), Field(entry.ClientAddress));
            line.Clear();
            if (entry.Changes is null)
            {
                line.Append(prefix).Append(",,,\r\n");
            }
            else
            {
                using var changes = JsonDocument.Parse(entry.Changes);
                foreach (var field in changes.RootElement.EnumerateObject())
                {
                    var (old, now) = field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("new", out var value)
                        ? (Text(field.Value.GetProperty("old")), Text(value))
                        : (null, Text(field.Value));
                    line.Append(prefix).Append(',').Append(Field(field.Name)).Append(',').Append(Field(old)).Append(',').Append(Field(now)).Append("\r\n");
                }
            }

            await writer.WriteAsync(line, cancellationToken);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if ("=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
