using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Model;

namespace QrAspire.Data;

/// <summary>The one way to ask whether an account is a member of a workspace, and with which role.</summary>
public static class WorkspaceMemberships
{
    /// <summary>
    /// The membership of <paramref name="accountId"/> in <paramref name="workspaceId"/> (tracked; empty when there is
    /// none): a lookup by the primary key (workspace, account), never cached, so a removed member or a changed role
    /// counts from the next request. A query, so callers add the columns or joins they need to the same round trip.
    /// </summary>
    public static IQueryable<WorkspaceMember> Membership(this QrAspireDbContext db, string workspaceId, string accountId) =>
        db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId && m.AccountId == accountId);

    /// <summary>The role of <paramref name="accountId"/> in <paramref name="workspaceId"/>, or null when not a member.</summary>
    public static Task<string?> RoleAsync(this QrAspireDbContext db, string workspaceId, string accountId, CancellationToken cancellationToken) =>
        db.Membership(workspaceId, accountId).AsNoTracking().Select(m => (string?)m.Role).FirstOrDefaultAsync(cancellationToken);
}
