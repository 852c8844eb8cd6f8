namespace QrAspire.QrEngine.Contents;

/// <summary>A phone number to call, as a <c>tel:</c> URI (RFC 3966); separators are removed.</summary>
/// <param name="Number">The number (digits, spaces, '-', '.', '(', ')', optional leading '+').</param>
public sealed record PhoneQrContent(string Number) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText() => "tel:" + ContentGuard.PhoneNumber(Number, "content.number");
}
