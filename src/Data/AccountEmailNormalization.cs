using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace QrAspire.Data;

/// <summary>
/// Brings every account's stored address to the current rule (<see cref="EmailAddresses"/>). Runs in the migration
/// step after the schema migrations: the rule is C# (NFKC and case folding), which neither database's SQL reproduces
/// exactly, so a SQL migration could not do it. Idempotent; each run reads the accounts' ids and addresses once.
/// </summary>
public static partial class AccountEmailNormalization
{
    /// <summary>Rewrites addresses whose stored forms differ from the rule; returns how many changed.</summary>
    /// <remarks>
    /// When two existing accounts now share one identity (a look-alike registered before the rule), the older account
    /// keeps the address and the newer keeps its old key, so it can no longer be signed into by address; it is logged
    /// (<c>email_identity_conflict</c>) for the operator.
    /// </remarks>
    public static async Task<int> RunAsync(QrAspireDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Email, a.NormalizedEmail }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var taken = accounts.Select(a => a.NormalizedEmail).ToHashSet(StringComparer.Ordinal);
        var changed = 0;
        foreach (var account in accounts)
        {
            var canonical = EmailAddresses.Canonical(account.Email);
            var normalized = EmailAddresses.Normalize(account.Email);
            if (canonical == account.Email && normalized == account.NormalizedEmail)
            {
                continue;
            }

            if (normalized != account.NormalizedEmail && !taken.Add(normalized))
            {
                LogConflict(logger, account.Id);
                continue;
            }

            taken.Remove(account.NormalizedEmail);
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Email, canonical)
                .SetProperty(a => a.NormalizedEmail, normalized), cancellationToken).ConfigureAwait(false);
            changed++;
        }

        LogNormalized(logger, changed);
        return changed;
    }

    [LoggerMessage(EventId = 3, EventName = "email_identity_conflict", Level = LogLevel.Warning,
        Message = "account {user_id} has a look-alike of an older account's address; it keeps its old sign-in key and cannot sign in by address")]
    private static partial void LogConflict(ILogger logger, string user_id);

    [LoggerMessage(EventId = 4, EventName = "email_identities_normalized", Level = LogLevel.Information, Message = "{count} account address(es) normalised")]
    private static partial void LogNormalized(ILogger logger, int count);
}
