using System.Text;

namespace QrAspire.QrEngine.Contents;

/// <summary>
/// Escaping and line folding for the "content line" formats (vCard 3.0, RFC 2426; iCalendar, RFC 5545).
/// </summary>
internal static class ContentLines
{
    private const int MaxLineOctets = 75;

    /// <summary>Escapes a text value: backslash, semicolon and comma get a backslash; line breaks become <c>\n</c>.</summary>
    public static string EscapeText(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' or ';' or ',':
                    builder.Append('\\').Append(c);
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    builder.Append("\\n");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Appends one content line, folded so that no physical line exceeds 75 octets of UTF-8
    /// (CRLF followed by a single space), never splitting a character, and terminated by CRLF.
    /// </summary>
    public static void AppendFolded(StringBuilder target, string line)
    {
        var octets = 0;
        var i = 0;
        while (i < line.Length)
        {
            var charCount = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var width = System.Text.Encoding.UTF8.GetByteCount(line.AsSpan(i, charCount));
            if (octets + width > MaxLineOctets)
            {
                target.Append("\r\n ");
                octets = 1;
            }

            target.Append(line, i, charCount);
            octets += width;
            i += charCount;
        }

        target.Append("\r\n");
    }
}
