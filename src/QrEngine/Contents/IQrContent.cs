namespace QrAspire.QrEngine.Contents;

/// <summary>
/// Typed QR content. Implementations validate their fields and produce the exact text a
/// scanner expects (with the escaping and line folding their format needs).
/// </summary>
public interface IQrContent
{
    /// <summary>Validates the fields and returns the text to encode.</summary>
    /// <exception cref="QrEngineException">A field is missing, too long, malformed or holds a forbidden control character.</exception>
    string ToQrText();
}
