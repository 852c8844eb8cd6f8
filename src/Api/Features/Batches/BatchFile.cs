using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QrAspire.Api.Features.QrCodes.Create;

namespace QrAspire.Api.Features.Batches;

/// <summary>A row the whole file is refused for: its line (the header is line 1), the column and why.</summary>

/// <summary>A row that passed every check, as the code it will become.</summary>
internal sealed record BatchFileRow(int Line, NewQrCode Spec);

/// <summary>
/// Reads a batch CSV and checks every row with the rules of <c>POST /api/v1/qr-codes</c> (its validator, then the
/// engine's checks of content and style), collecting every error with its line and column. Checks that need the
/// database (logos, taken short codes) are the endpoint's.
/// </summary>
internal static class BatchFile
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 5 * 1024 * 1024;

    public static (List<BatchFileRow> Rows, List<BatchRowError> Errors) Read(string text, RedirectLinks links)
    {
        var rows = new List<BatchFileRow>();
        var errors = new List<BatchRowError>();
        var validator = new CreateQrCodeValidator();
        List<CsvRecord> records;
        try
        {
            records = [.. CsvReader.Read(text)];
        }
        catch (CsvFormatException error)
        {
            return (rows, [new BatchRowError(error.Line, "file", error.Message)]);
        }

        if (records.Count == 0)
        {
            return (rows, [new BatchRowError(1, "file", "The file is empty; the first line is the header (name,type,…).")]);
        }

        // Counted before any row is checked, so an oversized file is refused at once.
        var data = records.Skip(1).Where(r => !r.Values.All(string.IsNullOrWhiteSpace)).ToList();
        if (data.Count > MaxRows)
        {
            return (rows, [new BatchRowError(data[MaxRows].Line, "file", $"At most {MaxRows:N0} rows in one batch; split the file.")]);
        }

        var header = ReadHeader(records[0], errors);
        if (errors.Count > 0)
        {
            return (rows, errors);
        }

        foreach (var record in data)
        {
            if (record.Values.Count != header.Length)
            {
                errors.Add(new BatchRowError(record.Line, "row", $"Expected {header.Length} values (one per header column), found {record.Values.Count}."));
                continue;
            }

            if (ReadRow(record, header, validator, links, errors) is { } spec)
            {
                rows.Add(new BatchFileRow(record.Line, spec));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new BatchRowError(2, "file", "The file has a header but no rows."));
        }

        return (rows, errors);
    }

    private static string[] ReadHeader(CsvRecord record, List<BatchRowError> errors)
    {
        var header = record.Values.Select(v => v.Trim().ToLowerInvariant()).ToArray();
        foreach (var column in header.Where(c => !BatchColumns.All.Contains(c)).Distinct())
        {
            errors.Add(new BatchRowError(record.Line, column.Length == 0 ? "header" : column, $"Unknown column '{column}'; see docs/bulk.md for the columns."));
        }

        foreach (var column in header.GroupBy(c => c).Where(g => g.Count() > 1 && g.Key.Length > 0).Select(g => g.Key))
        {
            errors.Add(new BatchRowError(record.Line, column, "This column appears twice."));
        }

        foreach (var required in new[] { BatchColumns.Name, BatchColumns.Type }.Where(r => !header.Contains(r)))
        {
            errors.Add(new BatchRowError(record.Line, required, $"The header needs a '{required}' column."));
        }

        return header;
    }

    private static NewQrCode? ReadRow(CsvRecord record, string[] header, CreateQrCodeValidator validator, RedirectLinks links, List<BatchRowError> errors)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (record.Values[i].Trim() is { Length: > 0 } value)
            {
                cells[header[i]] = value;
            }
        }

        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new BatchRowError(record.Line, field, message));
        string? Cell(string column) => cells.GetValueOrDefault(column);
        int? Int(string column)
        {
            if (Cell(column) is not { } value)
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

        TEnum? Enum<TEnum>(string column, string allowed) where TEnum : struct, Enum
        {
            if (Cell(column) is not { } value)
            {
                return null;
            }

            if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                return parsed;
            }

            Error(column, $"Use {allowed}.");
            return null;
        }

        var type = Cell(BatchColumns.Type)?.ToLowerInvariant() ?? "";
        var contentType = Cell(BatchColumns.ContentType)?.ToLowerInvariant();
        var dynamic = WireNames.Is(type, QrCodeType.Dynamic);
        var isStatic = WireNames.Is(type, QrCodeType.Static);
        QrContent? content = null;
        if (isStatic && contentType is not null)
        {
            content = ReadContent(contentType, cells, Error);
        }
        else if (contentType is not null && dynamic)
        {
            Error(BatchColumns.ContentType, "A dynamic code encodes its short link; leave content_type empty and set destination.");
        }

        var allowed = dynamic || contentType is null ? [] : BatchColumns.ContentColumns.GetValueOrDefault(contentType, []);
        foreach (var (owner, columns) in BatchColumns.ContentColumns)
        {
            foreach (var (column, _) in columns.Where(c => Cell(c.Column) is not null && !allowed.Any(a => a.Column == c.Column)))
            {
                Error(column, dynamic ? "A dynamic code has no content; leave it empty on this row." : $"Only for content_type {owner}; leave it empty on this row.");
            }
        }

        DateTime? expiresAt = null;
        if (Cell(BatchColumns.ExpiresAt) is { } expiry)
        {
            if (DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                expiresAt = at.UtcDateTime;
            }
            else
            {
                Error(BatchColumns.ExpiresAt, $"'{expiry}' is not a date and time; use ISO 8601, e.g. 2027-01-31T23:59:00Z.");
            }
        }

        var style = new QrCodeStyle
        {
            Foreground = Cell(BatchColumns.Foreground),
            Background = Cell(BatchColumns.Background),
            Modules = Enum<ModuleShape>(BatchColumns.Modules, "square, rounded or dots"),
            Eyes = Enum<EyeShape>(BatchColumns.Eyes, "square, rounded or circle"),
            ErrorCorrection = Cell(BatchColumns.Ecc),
            Size = Int(BatchColumns.Size),
            QuietZone = Int(BatchColumns.QuietZone),
            Dpi = Int(BatchColumns.Dpi),
            LogoId = Cell(BatchColumns.LogoId),
        };
        var request = new CreateQrCodeRequest
        {
            Name = Cell(BatchColumns.Name) ?? "",
            Type = type,
            Content = content,
            Destination = Cell(BatchColumns.Destination),
            ShortCode = Cell(BatchColumns.ShortCode),
            RedirectStatus = Int(BatchColumns.RedirectStatus),
            Status = Cell(BatchColumns.Status)?.ToLowerInvariant(),
            ExpiresAt = expiresAt,
            Tags = Cell(BatchColumns.Tags)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Style = style == new QrCodeStyle() ? null : style,
        };
        if (errors.Count > before)
        {
            return null;
        }

        var result = validator.Validate(request);
        foreach (var failure in result.Errors)
        {
            var field = string.Join('.', failure.PropertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
            if (field == "content" && isStatic && contentType is null)
            {
                Error(BatchColumns.ContentType, "A static code needs a content_type: url, text, vcard, wifi, email, sms, phone, geo or event.");
                continue;
            }

            Error(BatchColumns.ForField(field, contentType, dynamic), failure.ErrorMessage);
        }

        if (errors.Count > before)
        {
            return null;
        }

        var newCode = request.ToNewQrCode();
        if (QrCodeChecks.Check(QrCodeContents.Of(newCode, links), newCode.Style) is { } problem)
        {
            Error(BatchColumns.ForField(problem.Field, contentType, dynamic), problem.Message);
            return null;
        }

        return newCode;
    }

    private static QrContent? ReadContent(string contentType, Dictionary<string, string> cells, Action<string, string> error)
    {
        if (!BatchColumns.ContentColumns.TryGetValue(contentType, out var columns))
        {
            error(BatchColumns.ContentType, $"Unknown content_type '{contentType}'; use url, text, vcard, wifi, email, sms, phone, geo or event.");
            return null;
        }

        var json = new JsonObject { ["type"] = contentType };
        var ok = true;
        foreach (var (column, field) in columns)
        {
            if (!cells.TryGetValue(column, out var value))
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
                error(column, (contentType, field) switch
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
        foreach (var column in required.Where(c => !cells.ContainsKey(c)))
        {
            error(column, $"A {contentType} code needs {column}.");
            ok = false;
        }

        return ok ? json.Deserialize<QrContent>(QrCodeJson.Options) : null;
    }
}
