using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.Batches.List;

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
        var owner = User.WorkspaceId();
        var limit = request.Limit ?? 20;
        var query = db.Batches.AsNoTracking().Where(b => b.WorkspaceId == owner);
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
