namespace QrAspire.QrEngine.Payloads;

/// <summary>
/// A typed QR content payload. Implementations validate their fields and produce the exact text a
/// scanner expects (with the escaping and line folding their format needs).
/// </summary>
public interface IQrPayload
{
    /// <summary>Validates the fields and returns the text to encode.</summary>
    /// <exception cref="QrEngineException">A field is missing, too long, malformed or holds a forbidden control character.</exception>
    string ToQrText();
}
