using System.Text;

namespace QrAspire.QrEngine.Contents;

/// <summary>An e-mail to compose, as a <c>mailto:</c> URI (RFC 6068) with percent-encoded subject and body.</summary>
/// <param name="To">The recipient address.</param>
/// <param name="Subject">An optional subject (one line).</param>
/// <param name="Body">An optional body (line breaks allowed).</param>
public sealed record EmailQrContent(string To, string? Subject = null, string? Body = null) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText()
    {
        var to = ContentGuard.EmailAddress(To, "content.to");
        var subject = ContentGuard.Optional(Subject, "content.subject", 255);
        var body = ContentGuard.Optional(Body, "content.body", 2000, allowLineBreaks: true);

        var builder = new StringBuilder("mailto:").Append(Uri.EscapeDataString(to).Replace("%40", "@", StringComparison.Ordinal));
        var separator = '?';
        if (subject is not null)
        {
            builder.Append(separator).Append("subject=").Append(Uri.EscapeDataString(subject));
            separator = '&';
        }

        if (body is not null)
        {
            // RFC 6068: line breaks in a body are CRLF.
            var normalised = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);
            builder.Append(separator).Append("body=").Append(Uri.EscapeDataString(normalised));
        }

        return builder.ToString();
    }
}
