namespace QrAspire.QrEngine.Payloads;

/// <summary>A web address. Only absolute <c>http</c> and <c>https</c> URLs are accepted; other schemes have their own payload types.</summary>
/// <param name="Url">The absolute http(s) URL, at most 2,048 characters.</param>
public sealed record UrlPayload(string Url) : IQrPayload
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <inheritdoc />
    public string ToQrText()
    {
        var url = PayloadGuard.Required(Url, "payload.url", MaxLength).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || url.Contains(' ', StringComparison.Ordinal))
        {
            throw new QrEngineException(QrErrorCodes.InvalidPayload, "payload.url", "'payload.url' must be an absolute http or https URL without spaces.");
        }

        return url;
    }
}
