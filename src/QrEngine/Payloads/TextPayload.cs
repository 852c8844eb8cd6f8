namespace QrAspire.QrEngine.Payloads;

/// <summary>Free text. Line breaks and tabs are allowed; other control characters are not.</summary>
/// <param name="Text">The text, at most 2,900 characters (non-ASCII text is encoded as UTF-8 with an ECI header).</param>
public sealed record TextPayload(string Text) : IQrPayload
{
    /// <summary>The longest text accepted (the largest symbol holds 2,953 bytes).</summary>
    public const int MaxLength = 2900;

    /// <inheritdoc />
    public string ToQrText()
    {
        if (string.IsNullOrEmpty(Text))
        {
            throw new QrEngineException(QrErrorCodes.InvalidPayload, "payload.text", "'payload.text' is required.");
        }

        return PayloadGuard.Optional(Text, "payload.text", MaxLength, allowLineBreaks: true)!;
    }
}
