namespace QrAspire.QrEngine.Contents;

/// <summary>A web address. Only absolute <c>http</c> and <c>https</c> URLs are accepted; other schemes have their own content types.</summary>
/// <param name="Url">The absolute http(s) URL, at most 2,048 characters.</param>
public sealed record UrlQrContent(string Url) : IQrContent
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <inheritdoc />
    public string ToQrText()
    {
        var url = ContentGuard.Required(Url, "content.url", MaxLength).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || url.Contains(' ', StringComparison.Ordinal))
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.url", "'content.url' must be an absolute http or https URL without spaces.");
        }

        return url;
    }
}
