using Microsoft.EntityFrameworkCore;

namespace QrAspire.Data;

/// <summary>Who hears about a workspace's events by e-mail.</summary>
public static class WorkspaceContacts
{
    // More would be a mailing list, not a notification; a workspace rarely has more than a few owners and admins.
    private const int MostRecipients = 20;

    /// <summary>
    /// The e-mail addresses of the members of <paramref name="workspaceId"/> whose role is one of
    /// <paramref name="roles"/> (a personal workspace: its account, the owner), oldest members first.
    /// </summary>
    public static Task<List<string>> EmailsAsync(this QrAspireDbContext db, string workspaceId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && roles.Contains(m.Role))
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new { a.Email, m.JoinedAt })
            .OrderBy(r => r.JoinedAt).Select(r => r.Email).Take(MostRecipients)
            .ToListAsync(cancellationToken);

    /// <summary>The e-mail address of <paramref name="accountId"/> while a member of <paramref name="workspaceId"/>, else null.</summary>
    public static Task<string?> MemberEmailAsync(this QrAspireDbContext db, string workspaceId, string accountId, CancellationToken cancellationToken) =>
        db.Membership(workspaceId, accountId).AsNoTracking()
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => (string?)a.Email)
            .FirstOrDefaultAsync(cancellationToken);
}
