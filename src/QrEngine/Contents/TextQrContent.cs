namespace QrAspire.QrEngine.Contents;

/// <summary>Free text. Line breaks and tabs are allowed; other control characters are not.</summary>
/// <param name="Text">The text, at most 2,900 characters (non-ASCII text is encoded as UTF-8 with an ECI header).</param>
public sealed record TextQrContent(string Text) : IQrContent
{
    /// <summary>The longest text accepted (the largest symbol holds 2,953 bytes).</summary>
    public const int MaxLength = 2900;

    /// <inheritdoc />
    public string ToQrText()
    {
        if (string.IsNullOrEmpty(Text))
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.text", "'content.text' is required.");
        }

        return ContentGuard.Optional(Text, "content.text", MaxLength, allowLineBreaks: true)!;
    }
}
