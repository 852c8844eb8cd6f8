using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Audit.List;

/// <summary>
/// The workspace's audit log, newest first. Keyset pagination on the increasing id: entries written meanwhile never
/// shift a page. The CSV export streams every matching entry, up to <see cref="AuditCsv.MaxEntries"/>.
/// </summary>
internal sealed class ListAuditEndpoint(QrAspireDbContext db) : Endpoint<ListAuditRequest, AuditPage>
{
    public override void Configure()
    {
        Get(ApiRoutes.Audit, ApiRoutes.AuditCsv);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Read the audit log";
            s.Description = "Who changed what and when in your workspace, newest first: codes created, changed (old → new) and deleted, "
                + "API keys created and revoked, branded domains, brand kits, bulk jobs, and sign-ins from a new network. "
                + "Filters: action, actor (account or API key id), targetId, from, to (ISO 8601, to exclusive). "
                + "audit.csv (or format=csv) downloads every matching entry as CSV, one line per changed field, "
                + "up to 100,000 entries (narrow from/to for more).";
            s.Responses[200] = "A page of entries and the cursor of the next (or CSV).";
            s.Responses[400] = "A bad filter, cursor or limit, or a CSV export over too many entries (field errors).";
            s.Responses[401] = "Not signed in.";
            s.Responses[403] = "Called with an API key: only a signed-in person reads the audit log.";
        });
    }

    public override async Task HandleAsync(ListAuditRequest request, CancellationToken ct)
    {
        var workspace = User.WorkspaceId();
        var query = Filter(db.AuditEntries.AsNoTracking().Where(e => e.WorkspaceId == workspace), request);
        if (request.Format == "csv" || HttpContext.Request.Path.Value?.EndsWith(".csv", StringComparison.Ordinal) == true)
        {
            if (await query.Take(AuditCsv.MaxEntries + 1).CountAsync(ct) > AuditCsv.MaxEntries)
            {
                await Send.ResultAsync(Problems.Field("from", "More than 100,000 entries match; narrow from and to.", "range_too_large").ToResult());
                return;
            }

            var entries = query.OrderByDescending(e => e.Id).AsAsyncEnumerable();
            await Send.ResultAsync(Results.Stream(body => AuditCsv.WriteAsync(entries, body, ct), AuditCsv.ContentType, "audit.csv"));
            return;
        }

        var limit = request.Limit ?? 50;
        var items = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var page = items.Take(limit).Select(AuditMapping.ToResponse).ToList();
        await Send.OkAsync(new AuditPage(page, items.Count > limit ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), ct);
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> query, ListAuditRequest request)
    {
        if (request.Before is { } before)
        {
            query = query.Where(e => e.Id < before);
        }

        if (request.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (request.Actor is { } actor)
        {
            query = query.Where(e => e.ActorId == actor || e.ApiKeyId == actor);
        }

        if (request.TargetId is { } target)
        {
            query = query.Where(e => e.TargetId == target);
        }

        if (request.FromUtc is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (request.ToUtc is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        return query;
    }
}
