namespace QrAspire.QrEngine.Payloads;

/// <summary>A phone number to call, as a <c>tel:</c> URI (RFC 3966); separators are removed.</summary>
/// <param name="Number">The number (digits, spaces, '-', '.', '(', ')', optional leading '+').</param>
public sealed record PhonePayload(string Number) : IQrPayload
{
    /// <inheritdoc />
    public string ToQrText() => "tel:" + PayloadGuard.PhoneNumber(Number, "payload.number");
}
