namespace QrAspire.Worker.Email;

/// <summary>
/// Writes each mail as <c>{id}.eml</c> into <c>MAIL_PICKUP_DIRECTORY</c>: the developer's local mail server. Any mail
/// client opens the files. Written to a temporary name and renamed, so a reader never sees half a mail; a retry
/// overwrites the same file.
/// </summary>
public sealed class PickupDirectoryMailSender(EmailSettings settings) : IMailSender
{
    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = MimeMail.Create(settings.Sender, mail);
        var folder = settings.PickupDirectory!;
        var path = Path.Combine(folder, Path.GetFileName(mail.Id) + ".eml");
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"pickup folder: {e.GetType().Name}: {e.Message}", permanent: false, e);
        }
    }
}
