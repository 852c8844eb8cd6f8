using QrAspire.Api.Common;
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

    public static (List<BatchFileRow> Rows, List<BatchRowError> Errors) Read(string text, RedirectLinks links, QrCodeStyle? kitStyle = null)
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

            if (ReadRow(record, header, validator, links, kitStyle, errors) is { } spec)
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

    /// <summary>A row as the code it will become, or null after adding its errors: parsed, mapped, then checked like a create request.</summary>
    private static NewQrCode? ReadRow(CsvRecord record, string[] header, CreateQrCodeValidator validator, RedirectLinks links, QrCodeStyle? kitStyle, List<BatchRowError> errors)
    {
        var before = errors.Count;
        var row = new BatchRowCells(record, header, errors);
        var request = BatchRowRequest.From(row);
        if (kitStyle is not null)
        {
            request = request with { Style = kitStyle.With(request.Style) };
        }

        if (errors.Count > before)
        {
            return null;
        }

        foreach (var failure in validator.Validate(request).Errors)
        {
            var field = JsonFieldPath.From(failure.PropertyName);
            if (field == "content" && WireNames.Is(row.Type, QrCodeType.Static) && row.ContentType is null)
            {
                row.Error(BatchColumns.ContentType, "A static code needs a content_type: url, text, vcard, wifi, email, sms, phone, geo or event.");
                continue;
            }

            row.Error(BatchColumns.ForField(field, row.ContentType, row.IsDynamic), failure.ErrorMessage);
        }

        if (errors.Count > before)
        {
            return null;
        }

        var newCode = request.ToNewQrCode();
        if (QrCodeChecks.Check(QrCodeContents.Of(newCode, links), newCode.Style) is { } problem)
        {
            row.Error(BatchColumns.ForField(problem.Field, row.ContentType, row.IsDynamic), problem.Message);
            return null;
        }

        return newCode;
    }
}
