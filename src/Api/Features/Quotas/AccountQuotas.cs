using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Quotas;

/// <summary>
/// Checks an account's quotas (<see cref="QuotaSettings"/>) before it creates codes, batches, logos or brand kits. Each check
/// returns the refusal — 429 with <c>Retry-After</c> where waiting helps, 403 where only deleting does — or null.
/// Two requests racing may both pass: a quota bounds an account's use, it is not a transaction.
/// </summary>
internal sealed class AccountQuotas(QrAspireDbContext db, QuotaSettings quotas, TimeProvider clock)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>A batch of <paramref name="rows"/> rows: active batches, rows in the last 24 hours, then codes.</summary>
    public async Task<QuotaRefusal?> CheckBatchAsync(string owner, int rows, CancellationToken ct)
    {
        var active = db.Batches.AsNoTracking().Where(b => b.WorkspaceId == owner && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running));
        if (quotas.ActiveBatches > 0 && await active.CountAsync(ct) >= quotas.ActiveBatches)
        {
            return QuotaRefusal.Wait("active_batches", $"At most {quotas.ActiveBatches} batches may be queued or running at once; retry when one has finished.", 60);
        }

        if (quotas.BatchRowsPerDay > 0)
        {
            if (rows > quotas.BatchRowsPerDay)
            {
                return QuotaRefusal.Deny("batch_rows_per_day", $"At most {quotas.BatchRowsPerDay:N0} batch rows a day; split the file.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var recent = await db.Batches.AsNoTracking().Where(b => b.WorkspaceId == owner && b.CreatedAt > now - Day)
                .OrderBy(b => b.CreatedAt).Select(b => new { b.CreatedAt, b.TotalRows }).ToListAsync(ct);
            var over = recent.Sum(b => (long)b.TotalRows) + rows - quotas.BatchRowsPerDay;
            if (over > 0)
            {
                // Retry when the oldest batches have left the 24-hour window with enough rows.
                var freed = 0L;
                var until = now + Day;
                foreach (var batch in recent)
                {
                    freed += batch.TotalRows;
                    if (freed >= over)
                    {
                        until = batch.CreatedAt + Day;
                        break;
                    }
                }

                var seconds = (int)Math.Clamp(Math.Ceiling((until - now).TotalSeconds), 1, Day.TotalSeconds);
                return QuotaRefusal.Wait("batch_rows_per_day", $"At most {quotas.BatchRowsPerDay:N0} batch rows in 24 hours; these {rows:N0} fit in {seconds:N0} s.", seconds);
            }
        }

        return await CheckCodesAsync(owner, rows, ct);
    }

    /// <summary><paramref name="adding"/> more codes: the account's codes and the rows its unfinished batches will create.</summary>
    public async Task<QuotaRefusal?> CheckCodesAsync(string owner, int adding, CancellationToken ct)
    {
        if (quotas.Codes <= 0)
        {
            return null;
        }

        var codes = await db.QrCodes.AsNoTracking().CountAsync(c => c.WorkspaceId == owner && c.DeletedAt == null, ct);
        var pending = await db.Batches.AsNoTracking().Where(b => b.WorkspaceId == owner && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running))
            .SumAsync(b => (long)(b.TotalRows - b.RowsDone - b.RowsFailed), ct);
        return codes + pending + adding > quotas.Codes
            ? QuotaRefusal.Deny("codes", $"An account holds at most {quotas.Codes:N0} codes ({codes + pending:N0} now, with unfinished batches); delete some first.")
            : null;
    }

    /// <summary>One more logo of <paramref name="bytes"/> bytes.</summary>
    public async Task<QuotaRefusal?> CheckLogoAsync(string owner, long bytes, CancellationToken ct)
    {
        var logos = db.Logos.AsNoTracking().Where(l => l.WorkspaceId == owner);
        if (quotas.Logos > 0 && await logos.CountAsync(ct) >= quotas.Logos)
        {
            return QuotaRefusal.Deny("logos", $"An account holds at most {quotas.Logos:N0} logos.");
        }

        return quotas.LogoBytes > 0 && await logos.SumAsync(l => l.Length, ct) + bytes > quotas.LogoBytes
            ? QuotaRefusal.Deny("logo_bytes", $"An account's logos hold at most {quotas.LogoBytes:N0} bytes together.")
            : null;
    }

    /// <summary>One more brand kit.</summary>
    public async Task<QuotaRefusal?> CheckBrandKitAsync(string owner, CancellationToken ct) =>
        quotas.BrandKits > 0 && await db.BrandKits.AsNoTracking().CountAsync(k => k.WorkspaceId == owner, ct) >= quotas.BrandKits
            ? QuotaRefusal.Deny("brand_kits", $"An account holds at most {quotas.BrandKits:N0} brand kits.")
            : null;

    /// <summary>Null, or the refusal (403) when the account already holds <see cref="QuotaSettings.Domains"/> live domains.</summary>
    public async Task<QuotaRefusal?> CheckDomainAsync(string owner, CancellationToken ct) =>
        quotas.Domains > 0 && await db.Domains.AsNoTracking().CountAsync(d => d.WorkspaceId == owner && d.DeletedAt == null, ct) >= quotas.Domains
            ? QuotaRefusal.Deny("domains", $"An account holds at most {quotas.Domains:N0} branded domains.")
            : null;

    /// <summary>Null, or the refusal (403) when the account already owns <see cref="QuotaSettings.Workspaces"/> shared workspaces.</summary>
    public async Task<QuotaRefusal?> CheckWorkspaceAsync(string accountId, CancellationToken ct) =>
        quotas.Workspaces > 0 && await db.WorkspaceMembers.AsNoTracking()
            .CountAsync(m => m.AccountId == accountId && m.Role == WorkspaceRoles.Owner && m.WorkspaceId != accountId, ct) >= quotas.Workspaces
            ? QuotaRefusal.Deny("workspaces", $"An account owns at most {quotas.Workspaces:N0} shared workspaces.")
            : null;

    /// <summary>Null, or the refusal (403) when the workspace's members and open invitations reach <see cref="QuotaSettings.Members"/>.</summary>
    public async Task<QuotaRefusal?> CheckMemberAsync(string workspace, CancellationToken ct)
    {
        if (quotas.Members <= 0)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.WorkspaceMembers.AsNoTracking().CountAsync(m => m.WorkspaceId == workspace, ct);
        var invited = await db.WorkspaceInvitations.AsNoTracking()
            .CountAsync(i => i.WorkspaceId == workspace && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
        return members + invited >= quotas.Members
            ? QuotaRefusal.Deny("members", $"A workspace holds at most {quotas.Members:N0} members and open invitations.")
            : null;
    }

    /// <summary>Null, or the refusal (403) when the workspace already holds <see cref="QuotaSettings.Webhooks"/> endpoints.</summary>
    public async Task<QuotaRefusal?> CheckWebhookAsync(string workspace, CancellationToken ct) =>
        quotas.Webhooks > 0 && await db.WebhookEndpoints.AsNoTracking().CountAsync(e => e.WorkspaceId == workspace, ct) >= quotas.Webhooks
            ? QuotaRefusal.Deny("webhooks", $"A workspace holds at most {quotas.Webhooks:N0} webhook endpoints.")
            : null;
}

/// <summary>A refused request: which quota (<c>quota</c> in the problem) and, when waiting helps, how long.</summary>
internal sealed record QuotaRefusal(string Quota, string Detail, int? RetryAfterSeconds)
{
    public static QuotaRefusal Wait(string quota, string detail, int seconds) => new(quota, detail, seconds);

    public static QuotaRefusal Deny(string quota, string detail) => new(quota, detail, null);

    /// <summary>429 with <c>Retry-After</c>, or 403: problem+json of type <c>quota-exceeded</c> naming the quota.</summary>
    public IResult ToResult(HttpContext context)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var problem = Problems.Of(RetryAfterSeconds is null ? 403 : 429, ProblemTypes.QuotaExceeded, "A quota of your account is exceeded.", Detail) with
        {
            Extensions = new() { ["quota"] = System.Text.Json.JsonSerializer.SerializeToElement(Quota, ProblemJsonContext.Default.String) },
        };
        return problem.ToResult();
    }
}
