using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace QrAspire.Worker.Email;

/// <summary>Sends through an SMTP server with MailKit, one connection per mail.</summary>
public sealed class SmtpMailSender(EmailSettings settings) : IMailSender
{
    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = MimeMail.Create(settings.Sender, mail);
        using var client = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        try
        {
            var security = settings.SmtpSecurity switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            if (settings.SmtpUsername is not null)
            {
                await client.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            // 5xx to the recipient or the message is the server's final word on this mail; anything else (4xx, a
            // refused sender or login: our configuration) may pass later.
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            throw new MailDeliveryException($"SMTP {(int)e.StatusCode} ({e.ErrorCode}): {OneLine(e.Message)}", permanent, e);
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or SslHandshakeException
            or ServiceNotConnectedException or IOException or SocketException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailDeliveryException($"SMTP {settings.SmtpHost}:{settings.SmtpPort}: {e.GetType().Name}: {OneLine(e.Message)}", permanent: false, e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <summary>The MIME form of a mail (SMTP and the pickup folder): multipart/alternative, text then HTML.</summary>
internal static class MimeMail
{
    public static MimeMessage Create(MailboxAddress from, OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = DateTimeOffset.UtcNow,
            // Stable across retries, so a receiver can tell a redelivery from a new mail.
            MessageId = $"{mail.Id}@{DomainOf(from.Address)}",
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        message.From.Add(from);
        if (!MailboxAddress.TryParse(mail.To, out var to))
        {
            message.Dispose();
            throw new MailDeliveryException("the recipient is not an e-mail address", permanent: true);
        }

        message.To.Add(to);
        return message;
    }

    private static string DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
}
