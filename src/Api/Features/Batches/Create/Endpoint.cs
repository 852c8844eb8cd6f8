using System.Text;
using System.Text.Json;
using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.BrandKits;
using QrAspire.Api.Features.QrCodes.Image;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrEngine;

namespace QrAspire.Api.Features.Batches.Create;

/// <summary>
/// Accepts a CSV of codes to create: every row is checked now with the rules of <c>POST /api/v1/qr-codes</c>, and
/// one bad row refuses the whole file (nothing is created). The rows are stored with the batch in one transaction
/// before the 202, so an accepted batch is never lost; a Worker creates the codes and renders the ZIP.
/// </summary>
internal sealed class CreateBatchEndpoint(QrAspireDbContext db, RedirectLinks links, AccountQuotas quotas, BrandKitStyles kits, AuditTrail audit, TimeProvider clock) : Endpoint<CreateBatchRequest, BatchResponse>
{
    private const int MaxListedErrors = 1000;

    public override void Configure()
    {
        Post(ApiRoutes.Batches);
        Policies(ApiScopes.CodesWrite);
        AllowFileUploads();
        Summary(s =>
        {
            s.Summary = "Create codes in bulk from a CSV";
            s.Description = "multipart/form-data: file (the CSV, UTF-8, a header row, at most 10,000 rows and 5 MB), optional name and format "
                + "(png, svg, pdf, eps, jpg, webp; default png). Each row is a static or dynamic code with its style (columns in docs/bulk.md), "
                + "checked with the same rules as POST /api/v1/qr-codes. Any bad row refuses the whole file: errors are keyed \"line {n}.{column}\" "
                + "and listed in rows. Accepted batches are processed by a Worker; poll GET /api/v1/batches/{id}, then download the ZIP.";
            s.Responses[202] = "Accepted; Location names the batch.";
            s.Responses[400] = "A row, the header or the file is invalid (problem+json with errors and rows), or more than 10,000 rows.";
            s.Responses[403] = "The account's code quota would be exceeded (quota-exceeded).";
            s.Responses[413] = "Larger than 5 MB.";
            s.Responses[415] = "Not multipart/form-data.";
            s.Responses[429] = "Too many active batches or batch rows today (quota-exceeded); see Retry-After.";
        });
    }

    public override async Task HandleAsync(CreateBatchRequest request, CancellationToken ct)
    {
        if (request.File is not { Length: > 0 } file)
        {
            await Send.ResultAsync(Problems.Field("file", "Send the CSV as a multipart part named file.", "file_required").ToResult());
            return;
        }

        if (file.Length > BatchFile.MaxBytes)
        {
            await Send.ResultAsync(Problems.TooLarge(BatchFile.MaxBytes).ToResult());
            return;
        }

        if (!ImageFormats.TryParse(request.Format ?? "png", out var format))
        {
            await Send.ResultAsync(Problems.Field("format", QrCodeMessages.FormatUnsupported, QrErrorCodes.UnsupportedFormat).ToResult());
            return;
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultName(file.FileName) : request.Name.Trim();
        if (!QrCodeRules.IsValidName(name))
        {
            await Send.ResultAsync(Problems.Field("name", "Give a name of 1 to 200 characters, without control characters.", "name_invalid").ToResult());
            return;
        }

        string text;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            await Send.ResultAsync(Problems.Field("file", "The file is not UTF-8 text; save the CSV as UTF-8.", "file_not_utf8").ToResult());
            return;
        }

        var owner = User.WorkspaceId();
        var (kitStyle, kitProblem) = await kits.ApplyAsync(request.BrandKitId, null, owner, ct);
        if (kitProblem is not null)
        {
            await Send.ResultAsync(kitProblem.ToResult());
            return;
        }

        var (rows, errors) = BatchFile.Read(text, links, kitStyle);
        if (errors.Count == 0)
        {
            errors.AddRange(await CheckAgainstDatabaseAsync(rows, owner, ct));
        }

        if (errors.Count > 0)
        {
            await Send.ResultAsync(Refuse(errors).ToResult());
            return;
        }

        if (await quotas.CheckBatchAsync(owner, rows.Count, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var batch = new Batch
        {
            Id = Ids.New("bat"),
            WorkspaceId = owner,
            // Through an API key: the key's creator (the principal's account), who made the key that started it.
            CreatedBy = User.AccountId(),
            Name = name,
            Status = BatchStatus.Queued,
            Format = format.FileExtension(),
            TotalRows = rows.Count,
            CreatedAt = now,
        };
        db.Batches.Add(batch);
        audit.Created(batch, AuditActions.BatchCreated, AuditTargets.Batch, batch.Id);
        db.BatchRows.AddRange(rows.Select(r => new BatchRow { BatchId = batch.Id, Line = r.Line, Spec = JsonSerializer.Serialize(r.Spec, QrCodeJson.Options) }));
        await db.SaveChangesAsync(ct);

        HttpContext.Response.Headers.Location = $"/api/v1/batches/{batch.Id}";
        await Send.ResponseAsync(batch.ToResponse(), 202, ct);
    }

    /// <summary>Logos that are not the caller's, and custom short codes already taken or used twice in the file.</summary>
    private async Task<List<BatchRowError>> CheckAgainstDatabaseAsync(List<BatchFileRow> rows, string owner, CancellationToken ct)
    {
        var errors = new List<BatchRowError>();
        var logoIds = rows.Select(r => r.Spec.Style?.LogoId).OfType<string>().Distinct().ToList();
        var owned = logoIds.Count == 0 ? []
            : (await db.Logos.AsNoTracking().Where(l => l.WorkspaceId == owner && logoIds.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct)).ToHashSet();
        errors.AddRange(rows.Where(r => r.Spec.Style?.LogoId is { } id && !owned.Contains(id))
            .Select(r => new BatchRowError(r.Line, BatchColumns.LogoId, QrCodeMessages.LogoNotFound)));

        var custom = rows.Where(r => r.Spec.ShortCode is not null).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in custom.Select(r => r.Spec.ShortCode!).Distinct().Chunk(500))
        {
            taken.UnionWith(await db.QrCodes.AsNoTracking().Where(c => chunk.Contains(c.ShortCode!)).Select(c => c.ShortCode!).ToListAsync(ct));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in custom)
        {
            var code = row.Spec.ShortCode!;
            if (taken.Contains(code))
            {
                errors.Add(new BatchRowError(row.Line, BatchColumns.ShortCode, $"The short code '{code}' is taken; short codes are never reused."));
            }
            else if (!seen.TryAdd(code, row.Line))
            {
                errors.Add(new BatchRowError(row.Line, BatchColumns.ShortCode, $"The short code '{code}' is also on line {seen[code]}."));
            }
        }

        return [.. errors.OrderBy(e => e.Line)];
    }

    private static Problem Refuse(List<BatchRowError> errors)
    {
        var listed = errors.Take(MaxListedErrors).ToList();
        var detail = errors.Count > listed.Count
            ? $"{errors.Count} errors; the first {listed.Count} are listed. Nothing was created."
            : $"{errors.Count} error(s) in {errors.Select(e => e.Line).Distinct().Count()} line(s). Nothing was created.";
        return Problems.Validation([.. listed.Select(e => new FieldError($"line {e.Line}.{e.Field}", e.Message, "batch_row_invalid"))]) with
        {
            Detail = detail,
            Extensions = new Dictionary<string, JsonElement> { ["rows"] = JsonSerializer.SerializeToElement(listed, QrCodeJson.Options) },
        };
    }

    private static string DefaultName(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? "");
        stem = new string(stem.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return stem.Length is > 0 and <= 200 ? stem : "Batch";
    }
}
