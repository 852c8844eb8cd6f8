using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Storage;

namespace QrAspire.Api.Features.Batches;

public sealed record ListBatchesRequest
{
    /// <summary>1–100, default 20.</summary>
    [QueryParam] public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [QueryParam] public string? Cursor { get; init; }
}

internal sealed class ListBatchesValidator : Validator<ListBatchesRequest>
{
    public ListBatchesValidator()
    {
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).When(r => r.Limit is not null).WithErrorCode("limit_invalid");
        RuleFor(r => r.Cursor).MaximumLength(600)
            .Must(c => c is null || (QrCodes.List.Cursor.TryDecode(c, out var key, out _) && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            .WithErrorCode("cursor_invalid").WithMessage("Use the nextCursor of a previous page.");
    }
}

/// <summary>The caller's batches, newest first, with keyset pagination like <c>GET /api/v1/qr-codes</c>.</summary>
internal sealed class ListBatchesEndpoint(QrAspireDbContext db) : Endpoint<ListBatchesRequest, BatchPage>
{
    public override void Configure()
    {
        Get(ApiRoutes.Batches);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "List your batches";
            s.Description = "Newest first, cursor-paginated (stable under inserts).";
            s.Responses[400] = "A bad limit or cursor.";
        });
    }

    public override async Task HandleAsync(ListBatchesRequest request, CancellationToken ct)
    {
        var owner = User.AccountId();
        var limit = request.Limit ?? 20;
        var query = db.Batches.AsNoTracking().Where(b => b.OwnerId == owner);
        if (request.Cursor is { } cursor && QrCodes.List.Cursor.TryDecode(cursor, out var key, out var afterId))
        {
            var after = new DateTime(long.Parse(key, CultureInfo.InvariantCulture), DateTimeKind.Utc);
            query = query.Where(b => b.CreatedAt < after || (b.CreatedAt == after && string.Compare(b.Id, afterId) < 0));
        }

        var items = await query.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Take(limit + 1).ToListAsync(ct);
        var page = items.Take(limit).ToList();
        var next = items.Count > limit ? QrCodes.List.Cursor.Encode(page[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), page[^1].Id) : null;
        await Send.OkAsync(new BatchPage([.. page.Select(b => b.ToResponse())], next), ct);
    }
}

public sealed record GetBatchRequest(string Id);

internal sealed class GetBatchEndpoint(QrAspireDbContext db) : Endpoint<GetBatchRequest, BatchResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Batch);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Get a batch's status and progress";
            s.Description = "rowsDone and rowsFailed count the rows processed so far out of totalRows; downloadUrl appears once completed.";
            s.Responses[200] = "The batch.";
            s.Responses[404] = "No such batch on your account.";
        });
    }

    public override async Task HandleAsync(GetBatchRequest request, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.Id && b.OwnerId == User.AccountId(), ct);
        if (batch is null)
        {
            await Problems.NotFound("No such batch.").WriteAsync(HttpContext);
            return;
        }

        await Send.OkAsync(batch.ToResponse(), ct);
    }
}

internal sealed class DownloadBatchEndpoint(QrAspireDbContext db, IBlobStore blobs) : Endpoint<GetBatchRequest>
{
    public override void Configure()
    {
        Get(ApiRoutes.BatchDownload);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Download a batch's ZIP";
            s.Description = "application/zip: one image per created code and manifest.csv (line, name, id, type, short_url, file, error).";
            s.Responses[200] = "The ZIP.";
            s.Responses[404] = "No such batch on your account.";
            s.Responses[409] = "The batch has not completed (yet, or it failed).";
        });
    }

    public override async Task HandleAsync(GetBatchRequest request, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.Id && b.OwnerId == User.AccountId(), ct);
        if (batch is null)
        {
            await Problems.NotFound("No such batch.").WriteAsync(HttpContext);
            return;
        }

        if (batch.Status != BatchStatus.Completed || batch.BlobKey is null)
        {
            await Problems.Conflict($"The batch is {BatchMapping.StatusName(batch.Status)}; the ZIP is ready once it has completed.").WriteAsync(HttpContext);
            return;
        }

        var zip = await blobs.GetAsync(batch.BlobKey, ct);
        if (zip is null)
        {
            await Problems.NotFound("The batch's ZIP is no longer in storage.").WriteAsync(HttpContext);
            return;
        }

        await Send.BytesAsync(zip, $"{batch.Id}.zip", "application/zip", cancellation: ct);
    }
}
