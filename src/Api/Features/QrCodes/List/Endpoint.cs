using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.QrCodes.List;

/// <summary>
/// Keyset pagination: the cursor is the last item's (sort key, id), so items inserted or deleted meanwhile never
/// shift a page — each item is returned exactly once.
/// </summary>
internal sealed class ListQrCodesEndpoint(QrAspireDbContext db, RedirectLinks links) : Endpoint<ListQrCodesRequest, QrCodePage>
{
    public override void Configure()
    {
        Get(ApiRoutes.QrCodes);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "List your QR codes";
            s.Description = "Cursor-paginated (stable under inserts), filterable by type, status, tag and name, sortable by creation time or name.";
        });
    }

    public override async Task HandleAsync(ListQrCodesRequest request, CancellationToken ct)
    {
        var owner = User.WorkspaceId();
        var limit = request.Limit ?? 20;
        var query = db.QrCodes.AsNoTracking().Include(c => c.Tags).Include(c => c.Domain).Where(c => c.WorkspaceId == owner && c.DeletedAt == null);
        if (request.Type is { } type)
        {
            var kind = WireNames.Is(type, QrCodeType.Dynamic) ? QrCodeKind.Dynamic : QrCodeKind.Static;
            query = query.Where(c => c.Kind == kind);
        }

        if (request.Status is { } status)
        {
            var value = WireNames.Is(status, QrCodeState.Paused) ? QrCodeStatus.Paused : QrCodeStatus.Active;
            query = query.Where(c => c.Status == value);
        }

        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            var tag = request.Tag.Trim().ToLowerInvariant();
            query = query.Where(c => c.Tags.Any(t => t.Tag == tag));
        }

        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var pattern = "%" + request.Q.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern, "\\"));
        }

        var sort = request.Sort ?? "-created_at";
        string? afterKey = null, afterId = null;
        if (request.Cursor is { } cursor && Cursor.TryDecode(cursor, out var key, out var id))
        {
            if (!sort.EndsWith("name", StringComparison.Ordinal) && !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                await Send.ResultAsync(Problems.Field("cursor", "This cursor belongs to another sort order; start again without it.", "cursor_invalid").ToResult());
                return;
            }

            (afterKey, afterId) = (key, id);
        }

        query = sort switch
        {
            "created_at" => Page(query, afterKey, afterId, ascending: true, byName: false),
            "name" => Page(query, afterKey, afterId, ascending: true, byName: true),
            "-name" => Page(query, afterKey, afterId, ascending: false, byName: true),
            _ => Page(query, afterKey, afterId, ascending: false, byName: false),
        };

        var items = await query.Take(limit + 1).ToListAsync(ct);
        var more = items.Count > limit;
        var page = items.Take(limit).ToList();
        var next = more ? Cursor.Encode(sort.TrimStart('-') == "name" ? page[^1].Name : page[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), page[^1].Id) : null;
        await Send.OkAsync(new QrCodePage(page.Select(c => c.ToResponse(links)).ToList(), next), ct);
    }

    private static IQueryable<QrCode> Page(IQueryable<QrCode> query, string? afterKey, string? afterId, bool ascending, bool byName)
    {
        if (afterKey is not null && afterId is not null)
        {
            if (byName)
            {
                query = ascending
                    ? query.Where(c => string.Compare(c.Name, afterKey) > 0 || (c.Name == afterKey && string.Compare(c.Id, afterId) > 0))
                    : query.Where(c => string.Compare(c.Name, afterKey) < 0 || (c.Name == afterKey && string.Compare(c.Id, afterId) < 0));
            }
            else
            {
                var after = new DateTime(long.Parse(afterKey, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                query = ascending
                    ? query.Where(c => c.CreatedAt > after || (c.CreatedAt == after && string.Compare(c.Id, afterId) > 0))
                    : query.Where(c => c.CreatedAt < after || (c.CreatedAt == after && string.Compare(c.Id, afterId) < 0));
            }
        }

        return (byName, ascending) switch
        {
            (true, true) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
            (true, false) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            (false, true) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        };
    }
}
