using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Domains;

/// <summary>The domain a dynamic code is made on: one of the account's own, verified, not removed.</summary>
internal static class VerifiedDomains
{
    /// <summary>The field a code names its domain in.</summary>
    public const string Field = "domainId";

    /// <summary>The account's domains that are not removed, pending or verified: what its domain endpoints may touch.</summary>
    public static IQueryable<Domain> Owned(QrAspireDbContext db, string account) =>
        db.Domains.Where(d => d.WorkspaceId == account && d.DeletedAt == null);

    /// <summary>The account's verified domain <paramref name="id"/>, tracked (so a new code's <c>Domain</c> is filled in), or null.</summary>
    public static Task<Domain?> FindAsync(QrAspireDbContext db, string id, string account, CancellationToken ct) =>
        Owned(db, account).FirstOrDefaultAsync(d => d.Id == id && d.VerifiedAt != null, ct);

    public static Problem NotUsable() =>
        Problems.Field(Field, "Give the id of a verified domain of your account (GET /api/v1/domains), or leave it out for the service's own host.", "domain_not_verified");
}
