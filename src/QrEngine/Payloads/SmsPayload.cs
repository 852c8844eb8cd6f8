namespace QrAspire.QrEngine.Payloads;

/// <summary>A text message to send, as <c>SMSTO:number:message</c> (read by Android, iOS and ZXing-based scanners).</summary>
/// <param name="Number">The recipient's phone number (digits, optional leading '+').</param>
/// <param name="Message">An optional message; line breaks allowed.</param>
public sealed record SmsPayload(string Number, string? Message = null) : IQrPayload
{
    /// <inheritdoc />
    public string ToQrText()
    {
        var number = PayloadGuard.PhoneNumber(Number, "payload.number");
        var message = PayloadGuard.Optional(Message, "payload.message", 1000, allowLineBreaks: true);
        return message is null ? $"SMSTO:{number}:" : $"SMSTO:{number}:{message}";
    }
}
