using System.Text;

namespace QrAspire.Api.Features.Batches;

/// <summary>One CSV record and the line of the file it starts on (the header is line 1).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Values);

/// <summary>
/// RFC 4180 records: comma-separated, fields optionally in double quotes (a quoted field may hold commas, quotes
/// written twice, and line breaks), CRLF or LF line ends, a leading UTF-8 byte-order mark ignored. Each record keeps
/// the line it starts on, so errors can name it as the user's editor does.
/// </summary>
internal static class CsvReader
{
    /// <summary>The records, or the line where the text stops being CSV (an unclosed quote, text after a closing quote).</summary>
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var values = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var atFieldStart = true;
        var anything = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CsvFormatException(recordLine, "A quoted value is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i++]);
                }

                anything = true;
                atFieldStart = false;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(line, "Text after a closing quote; write a quote inside a quoted value as \"\".");
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    values.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    anything = true;
                    i++;
                    break;
                case '\r' or '\n':
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    if (anything || field.Length > 0)
                    {
                        values.Add(field.ToString());
                        yield return new CsvRecord(recordLine, values.ToArray());
                    }

                    values.Clear();
                    field.Clear();
                    atFieldStart = true;
                    anything = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    anything = true;
                    i++;
                    break;
            }
        }

        if (anything || field.Length > 0)
        {
            values.Add(field.ToString());
            yield return new CsvRecord(recordLine, values.ToArray());
        }
    }
}

/// <summary>The file is not CSV from <see cref="Line"/> on.</summary>
internal sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
