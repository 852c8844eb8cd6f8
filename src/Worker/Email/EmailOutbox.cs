using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Worker.Email;

/// <summary>
/// The <c>email_outbox</c> table as the sender sees it. A mail is due when unsent and its <c>next_attempt_at</c> is
/// empty or past. A Worker claims a due mail with one conditional UPDATE that moves <c>next_attempt_at</c> to the end
/// of a lease and counts the attempt — on condition that <c>attempts</c> is still what it read, so of several Workers
/// that read the same row exactly one claims it (plain SQL: PostgreSQL and SQLite alike). A mail given up keeps
/// <c>sent_at</c> empty, its <c>last_error</c>, and <c>next_attempt_at</c> = <see cref="GivenUp"/>.
/// </summary>
public sealed class EmailOutbox(IServiceScopeFactory scopes)
{
    /// <summary>The <c>next_attempt_at</c> of a mail that will not be tried again.</summary>
    public static readonly DateTime GivenUp = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private const int ErrorLength = 1000;

    /// <summary>Up to <paramref name="count"/> due mails, oldest first.</summary>
    public Task<List<EmailMessage>> DueAsync(DateTime now, int count, CancellationToken cancellationToken) =>
        WithDbAsync(db => db.EmailMessages.AsNoTracking()
            .Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken));

    /// <summary>Claims a mail read by <see cref="DueAsync"/> until <paramref name="leaseUntil"/>; false when another Worker was first.</summary>
    public async Task<bool> ClaimAsync(EmailMessage seen, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var claimed = await WithDbAsync(db => db.EmailMessages
            .Where(m => m.Id == seen.Id && m.SentAt == null && m.Attempts == seen.Attempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseUntil).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken))
            .ConfigureAwait(false);
        if (claimed == 1)
        {
            seen.Attempts++;
            seen.NextAttemptAt = leaseUntil;
        }

        return claimed == 1;
    }

    /// <summary>Records the mail as handed to the provider.</summary>
    public Task MarkSentAsync(EmailMessage mail, DateTime now, CancellationToken cancellationToken) =>
        WithDbAsync(db => db.EmailMessages
            .Where(m => m.Id == mail.Id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.NextAttemptAt, (DateTime?)null), cancellationToken));

    /// <summary>Records a failed attempt: next try at <paramref name="nextAttemptAt"/>, or never (<see cref="GivenUp"/>).</summary>
    public Task MarkFailedAsync(EmailMessage mail, string error, DateTime nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var trimmed = error.Length > ErrorLength ? error[..ErrorLength] : error;
        // Only while this Worker still holds the attempt it counted (a lease that ran out may have passed it on).
        return WithDbAsync(db => db.EmailMessages
            .Where(m => m.Id == mail.Id && m.SentAt == null && m.Attempts == mail.Attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, nextAttemptAt).SetProperty(m => m.LastError, trimmed), cancellationToken));
    }

    private async Task<T> WithDbAsync<T>(Func<QrAspireDbContext, Task<T>> work)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await work(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>()).ConfigureAwait(false);
        }
    }
}
