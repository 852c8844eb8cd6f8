namespace QrAspire.QrEngine.Contents;

/// <summary>A text message to send, as <c>SMSTO:number:message</c> (read by Android, iOS and ZXing-based scanners).</summary>
/// <param name="Number">The recipient's phone number (digits, optional leading '+').</param>
/// <param name="Message">An optional message; line breaks allowed.</param>
public sealed record SmsQrContent(string Number, string? Message = null) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText()
    {
        var number = ContentGuard.PhoneNumber(Number, "content.number");
        var message = ContentGuard.Optional(Message, "content.message", 1000, allowLineBreaks: true);
        return message is null ? $"SMSTO:{number}:" : $"SMSTO:{number}:{message}";
    }
}
