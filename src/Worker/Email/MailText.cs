using System.Globalization;
using System.Text;

namespace QrAspire.Worker.Email;

/// <summary>
/// How a value somebody typed (a batch's name) may appear in a mail: as a short, one-line label. Controls, line
/// breaks and invisible format characters (zero-width, bidi overrides that reorder what the reader sees) become
/// spaces, runs of spaces one, and anything longer than <see cref="LabelLength"/> is cut with an ellipsis — so the
/// value cannot add lines, paragraphs or a disguised sentence to the mail. The HTML part escapes it as every value.
/// </summary>
public static class MailText
{
    /// <summary>The longest label, in characters (text elements), before the ellipsis.</summary>
    public const int LabelLength = 60;

    /// <summary>The label form of <paramref name="value"/>.</summary>
    public static string Label(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(Math.Min(value.Length, maxLength * 2));
        var space = false;
        foreach (var c in value)
        {
            var blank = char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (blank)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        var clean = builder.ToString();
        var info = new StringInfo(clean);
        return info.LengthInTextElements <= maxLength ? clean : info.SubstringByTextElements(0, maxLength).TrimEnd() + "…";
    }
}
