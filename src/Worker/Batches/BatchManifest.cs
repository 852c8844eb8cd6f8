using System.Globalization;
using System.Text;
using QrAspire.Contracts;
using QrAspire.Data.Model;
using QrAspire.QrCodes;

namespace QrAspire.Worker.Batches;

/// <summary>The ZIP's file names and <c>manifest.csv</c> lines (line, name, id, type, short_url, file, error).</summary>
internal static class BatchManifest
{
    public const string Header = "line,name,id,type,short_url,file,error\n";

    public static string FileName(int line, string name, string extension)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var stem = slug.ToString().Trim('-');
        return stem.Length == 0 ? $"{line:D5}.{extension}" : $"{line:D5}-{stem}.{extension}";
    }

    public static void WriteLine(TextWriter writer, int line, string name, string? id, QrCodeKind kind, string? shortUrl, string? file, string? error)
    {
        writer.Write(line.ToString(CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(Csv(name));
        writer.Write(',');
        writer.Write(Csv(id));
        writer.Write(',');
        writer.Write(WireNames.Of(kind.ToType()));
        writer.Write(',');
        writer.Write(Csv(shortUrl));
        writer.Write(',');
        writer.Write(Csv(file));
        writer.Write(',');
        writer.Write(Csv(error));
        writer.Write('\n');
    }

    // Quoted when needed; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it as a formula.
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
