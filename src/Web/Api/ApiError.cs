using System.Text.Json;

namespace QrAspire.Web.Api;

/// <summary>A field's error message from the Api.</summary>
public sealed record FieldMessage(string Field, string Message, string? Code = null);

/// <summary>A bad row of a bulk CSV.</summary>
public sealed record RowMessage(int Line, string Field, string Message);

/// <summary>An RFC 9457 problem the Api answered with, read for display: its summary and its field errors.</summary>
public sealed record ApiError(int Status, string Title, string? Detail, IReadOnlyList<FieldMessage> Fields, IReadOnlyList<RowMessage> Rows)
{
    /// <summary>What to show above the form.</summary>
    public string Summary => Detail is { Length: > 0 } detail ? detail : Title;

    /// <summary>
    /// Messages for <paramref name="field"/>: errors named exactly so, or ending in <c>.field</c>
    /// (the Api names nested fields <c>payload.url</c>, <c>style.foreground</c>, <c>content.ssid</c>).
    /// </summary>
    public IEnumerable<string> For(string field) => Fields
        .Where(f => string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase)
            || f.Field.EndsWith("." + field, StringComparison.OrdinalIgnoreCase))
        .Select(f => f.Message);

    /// <summary>Whether one of the field errors carries the stable <paramref name="code"/> (e.g. <c>not_a_member</c>).</summary>
    public bool Has(string code) => Fields.Any(f => f.Code == code);

    /// <summary>Reads a problem body; anything unreadable becomes a plain error with the status.</summary>
    public static ApiError Parse(int status, string? body)
    {
        var title = status switch
        {
            400 => "Please correct the highlighted fields.",
            401 => "Not signed in.",
            403 => "Not allowed.",
            404 => "Not found.",
            409 => "Conflict.",
            413 => "The file is too large.",
            429 => "Too many requests; wait a moment and try again.",
            _ => $"The Api answered {status}.",
        };
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ApiError(status, title, null, [], []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ApiError(status, title, null, [], []);
            }

            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String && status != 400)
            {
                title = t.GetString() ?? title;
            }

            return new ApiError(status, title, detail, ReadFields(root), ReadRows(root));
        }
        catch (JsonException)
        {
            return new ApiError(status, title, null, [], []);
        }
    }

    private static List<FieldMessage> ReadFields(JsonElement root)
    {
        var fields = new List<FieldMessage>();
        if (!root.TryGetProperty("errors", out var errors))
        {
            return fields;
        }

        // The Api writes [{name, reason, code}]; the map form {field: [messages]} is read too.
        if (errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var name = error.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                var reason = error.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                fields.Add(new FieldMessage(name, reason, code));
            }
        }
        else if (errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in errors.EnumerateObject())
            {
                var messages = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(m => m.ToString())
                    : [property.Value.ToString()];
                fields.AddRange(messages.Select(m => new FieldMessage(property.Name, m)));
            }
        }

        return fields;
    }

    private static List<RowMessage> ReadRows(JsonElement root)
    {
        var rows = new List<RowMessage>();
        if (root.TryGetProperty("rows", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var line = row.TryGetProperty("line", out var l) && l.TryGetInt32(out var value) ? value : 0;
                var field = row.TryGetProperty("field", out var f) ? f.ToString() : "";
                var message = row.TryGetProperty("message", out var m) ? m.ToString() : "";
                rows.Add(new RowMessage(line, field, message));
            }
        }

        return rows;
    }
}

/// <summary>An Api answer: a value or an error.</summary>
public sealed record ApiResult<T>(T? Value, ApiError? Error)
{
    /// <summary>True when the Api accepted the request.</summary>
    public bool Ok => Error is null;
}

/// <summary>The session ended (signed out elsewhere, or the refresh token expired): the user must sign in again.</summary>
public sealed class SessionExpiredException() : Exception("The session has ended; sign in again.");

/// <summary>
/// The Api answered <c>not_a_member</c> for the workspace the console was acting in: the session is back in the
/// personal workspace with a notice; the page reloads there.
/// </summary>
public sealed class WorkspaceMembershipEndedException(string message) : Exception(message);

/// <summary>The Api could not be reached, or failed (5xx): the page shows a retry.</summary>
public sealed class ApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
