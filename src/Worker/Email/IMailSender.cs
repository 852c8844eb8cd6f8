namespace QrAspire.Worker.Email;

/// <summary>A rendered mail, ready for any provider.</summary>
/// <param name="Id">The outbox row's id; providers that can use it as a stable message id do, so receivers can spot a redelivery.</param>
/// <param name="To">Recipient address.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body (the same content).</param>
public sealed record OutgoingMail(string Id, string To, string Subject, string Text, string Html);

/// <summary>Hands a mail to the configured provider (SMTP, SendGrid, or a pickup folder).</summary>
public interface IMailSender
{
    /// <summary>Sends the mail, or throws <see cref="MailDeliveryException"/> saying whether trying again may help.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A mail the provider did not take.</summary>
/// <param name="message">What happened (no secrets, no body).</param>
/// <param name="permanent">True when the provider refused it for good (e.g. SMTP 550 on RCPT, SendGrid 400): not retried.</param>
/// <param name="inner">The underlying error.</param>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again cannot help.</summary>
    public bool Permanent { get; } = permanent;

    /// <summary>The earliest retry the provider asked for (HTTP <c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
