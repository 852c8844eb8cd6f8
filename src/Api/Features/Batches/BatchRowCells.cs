using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Features.Batches;

/// <summary>
/// One CSV row's cells as typed values: an empty cell is "not given", and a cell that does not parse is an error on its
/// column (added to the file's errors) and read as not given.
/// </summary>
internal sealed class BatchRowCells
{
    private readonly Dictionary<string, string> _cells = new(StringComparer.Ordinal);
    private readonly List<BatchRowError> _errors;

    public BatchRowCells(CsvRecord record, string[] header, List<BatchRowError> errors)
    {
        Line = record.Line;
        _errors = errors;
        for (var i = 0; i < header.Length; i++)
        {
            if (record.Values[i].Trim() is { Length: > 0 } value)
            {
                _cells[header[i]] = value;
            }
        }
    }

    public int Line { get; }

    /// <summary><c>type</c>, lower case; empty when not given.</summary>
    public string Type => Text(BatchColumns.Type)?.ToLowerInvariant() ?? "";

    public bool IsDynamic => WireNames.Is(Type, QrCodeType.Dynamic);

    /// <summary><c>content_type</c>, lower case; null when not given.</summary>
    public string? ContentType => Text(BatchColumns.ContentType)?.ToLowerInvariant();

    public void Error(string column, string message) => _errors.Add(new BatchRowError(Line, column, message));

    public string? Text(string column) => _cells.GetValueOrDefault(column);

    public int? Int(string column)
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(column, $"'{value}' is not a whole number.");
        return null;
    }

    public double? Number(string column)
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(column, $"'{value}' is not a number; use a dot for decimals.");
        return null;
    }

    /// <summary>An enum member by its wire name (<c>rounded_square</c>), any case; numbers are refused. The error lists the names.</summary>
    public TEnum? Enum<TEnum>(string column) where TEnum : struct, Enum
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        var name = value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (System.Enum.TryParse<TEnum>(name, ignoreCase: true, out var parsed) && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        var names = System.Enum.GetNames<TEnum>().Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n)).ToArray();
        Error(column, $"Use {string.Join(", ", names[..^1])} or {names[^1]}.");
        return null;
    }

    /// <summary>An ISO 8601 date and time, UTC when it has no offset.</summary>
    public DateTime? Instant(string column)
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.UtcDateTime;
        }

        Error(column, $"'{value}' is not a date and time; use ISO 8601, e.g. 2027-01-31T23:59:00Z.");
        return null;
    }

    /// <summary>The content of a static code from its type's columns (<see cref="BatchColumns.ContentColumns"/>); null if a cell is wrong.</summary>
    public QrContent? Content(string contentType)
    {
        if (!BatchColumns.ContentColumns.TryGetValue(contentType, out var columns))
        {
            Error(BatchColumns.ContentType, $"Unknown content_type '{contentType}'; use url, text, vcard, wifi, email, sms, phone, geo or event.");
            return null;
        }

        var json = new JsonObject { ["type"] = contentType };
        var ok = true;
        foreach (var (column, field) in columns)
        {
            if (!_cells.TryGetValue(column, out var value))
            {
                continue;
            }

            JsonNode? node = (contentType, field) switch
            {
                ("geo", _) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
                (_, "hidden" or "allDay") => bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
                    : value is "1" or "0" or "yes" or "no" ? JsonValue.Create(value is "1" or "yes") : null,
                (_, "start" or "end") => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? JsonValue.Create(at) : null,
                (_, "security") => value.ToLowerInvariant() is "wpa" or "wep" or "none" ? JsonValue.Create(value.ToLowerInvariant()) : null,
                _ => JsonValue.Create(value),
            };
            if (node is null)
            {
                Error(column, (contentType, field) switch
                {
                    ("geo", _) => $"'{value}' is not a number (use a dot for decimals, e.g. 48.8584).",
                    (_, "hidden" or "allDay") => $"'{value}' is not true or false.",
                    (_, "security") => "Use wpa, wep or none.",
                    _ => $"'{value}' is not a date and time; use ISO 8601, e.g. 2027-05-01T18:00:00+02:00.",
                });
                ok = false;
                continue;
            }

            json[field] = node;
        }

        // Numbers and instants have no "missing" value the engine could refuse: require them here.
        string[] required = contentType switch
        {
            "geo" => ["geo_latitude", "geo_longitude"],
            "event" => ["event_start", "event_end"],
            _ => [],
        };
        foreach (var column in required.Where(c => !_cells.ContainsKey(c)))
        {
            Error(column, $"A {contentType} code needs {column}.");
            ok = false;
        }

        return ok ? json.Deserialize<QrContent>(QrCodeJson.Options) : null;
    }
}
