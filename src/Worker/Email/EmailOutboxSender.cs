using System.Data.Common;
using QrAspire.Data.Model;
using QrAspire.Worker.Jobs;

namespace QrAspire.Worker.Email;

/// <summary>
/// Sends the outbox: reads due mail, claims each (so that Workers never send the same mail at once), renders and
/// sends it, and records the outcome — sent; failed for now and due again after a back-off; or given up, after a
/// permanent refusal or <c>EMAIL_MAX_ATTEMPTS</c> attempts. On shutdown the mail in hand is finished, not dropped.
/// </summary>
public sealed partial class EmailOutboxSender(
    EmailSettings settings, EmailOutbox outbox, IMailSender sender, EmailMetrics metrics, TimeProvider time, ILogger<EmailOutboxSender> logger)
    : OutboxPoller(time)
{
    /// <inheritdoc />
    protected override TimeSpan PollInterval => settings.PollInterval;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogProvider(logger, settings.Describe());
        return base.ExecuteAsync(stoppingToken);
    }

    /// <inheritdoc />
    protected override Task<int> HandleDueAsync(CancellationToken stoppingToken) => SendDueAsync(stoppingToken);

    /// <inheritdoc />
    protected override void OnDatabaseUnavailable(Exception error) => LogDatabaseUnavailable(logger, error);

    /// <summary>Sends the mail due now (one read); returns how many this Worker claimed.</summary>
    internal async Task<int> SendDueAsync(CancellationToken stoppingToken)
    {
        var now = Now();
        var due = await outbox.DueAsync(now, settings.BatchSize, stoppingToken).ConfigureAwait(false);
        var claimed = 0;
        foreach (var mail in due)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            now = Now();
            // Not cancelled midway: a claim committed but not seen would hold the mail for a whole lease.
            if (!await outbox.ClaimAsync(mail, now, now + settings.Lease, CancellationToken.None).ConfigureAwait(false))
            {
                continue;
            }

            claimed++;
            // Claimed means in hand: finished even when the host is stopping (each send is bounded by SendTimeout).
            await DeliverAsync(mail, CancellationToken.None).ConfigureAwait(false);
        }

        return claimed;
    }

    private async Task DeliverAsync(EmailMessage mail, CancellationToken cancellationToken)
    {
        string error;
        bool permanent;
        TimeSpan? retryAfter = null;
        try
        {
            var rendered = EmailTemplates.Render(mail, settings.WebBaseUrl ?? "");
            await sender.SendAsync(rendered, cancellationToken).ConfigureAwait(false);
            await RecordSentAsync(mail).ConfigureAwait(false);
            metrics.Attempt(mail.Template, "sent");
            LogSent(logger, mail.Id, mail.Template, mail.Attempts);
            return;
        }
        catch (MailDeliveryException e)
        {
            (error, permanent, retryAfter) = (e.Message, e.Permanent, e.RetryAfter);
        }
        catch (Exception e) when (e is not DbException)
        {
            // Unforeseen trouble in a provider is treated as passing: the attempts limit still ends it.
            (error, permanent) = ($"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", false);
        }

        if (permanent || mail.Attempts >= settings.MaxAttempts)
        {
            await outbox.MarkFailedAsync(mail, error, EmailOutbox.GivenUp, cancellationToken).ConfigureAwait(false);
            metrics.Attempt(mail.Template, "failed");
            LogGivenUp(logger, mail.Id, mail.Template, mail.Attempts, permanent ? "refused" : "attempts exhausted", error);
            return;
        }

        var delay = RetryBackoff.Delay(mail.Attempts, settings.RetryBase, settings.RetryMax, Random.Shared.NextDouble());
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < settings.RetryMax ? asked : settings.RetryMax;
        }

        await outbox.MarkFailedAsync(mail, error, Now() + delay, cancellationToken).ConfigureAwait(false);
        metrics.Attempt(mail.Template, "retry");
        LogRetry(logger, mail.Id, mail.Template, mail.Attempts, delay.TotalSeconds, error);
    }

    // The mail is out: losing this write would send it again when the lease ends, so ride out a short database blip.
    private async Task RecordSentAsync(EmailMessage mail)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await outbox.MarkSentAsync(mail, Now(), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (DbException e) when (attempt < 5)
            {
                LogDatabaseUnavailable(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(attempt), Time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private DateTime Now() => Time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, EventName = "email_sender_started", Message = "Sending e-mail through {provider}")]
    private static partial void LogProvider(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, EventName = "email_sent", Message = "Sent mail {mail_id} ({template}) at attempt {attempt}")]
    private static partial void LogSent(ILogger logger, string mail_id, string template, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "email_retry", Message = "Mail {mail_id} ({template}) attempt {attempt} failed; next in {delay_seconds:F1} s: {error}")]
    private static partial void LogRetry(ILogger logger, string mail_id, string template, int attempt, double delay_seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, EventName = "email_failed", Message = "Mail {mail_id} ({template}) given up after {attempts} attempts ({why}): {error}")]
    private static partial void LogGivenUp(ILogger logger, string mail_id, string template, int attempts, string why, string error);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "email_outbox_unavailable", Message = "The e-mail outbox could not be read or written; trying again")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception error);
}
