using System.Globalization;

namespace QrAspire.Platform.Routing;

/// <summary>The preferred language of an <c>Accept-Language</c> header, read without allocating.</summary>
public static class AcceptLanguage
{
    /// <summary>
    /// The primary subtag (<c>fr</c> of <c>fr-CH</c>) of the range with the highest <c>q</c> (the first one on a tie);
    /// empty when the header names none (<c>*</c> names none).
    /// </summary>
    public static ReadOnlySpan<char> Preferred(ReadOnlySpan<char> header)
    {
        ReadOnlySpan<char> best = default;
        var bestQ = -1.0;
        while (!header.IsEmpty)
        {
            var comma = header.IndexOf(',');
            var item = (comma < 0 ? header : header[..comma]).Trim();
            header = comma < 0 ? default : header[(comma + 1)..];
            var semicolon = item.IndexOf(';');
            var range = (semicolon < 0 ? item : item[..semicolon]).Trim();
            var q = semicolon < 0 ? 1.0 : Quality(item[(semicolon + 1)..]);
            var dash = range.IndexOf('-');
            var primary = dash < 0 ? range : range[..dash];
            if (primary.Length is < 2 or > 3 || !IsLetters(primary))
            {
                continue;
            }

            if (q > bestQ && q > 0)
            {
                best = primary;
                bestQ = q;
            }
        }

        return best;
    }

    private static bool IsLetters(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static double Quality(ReadOnlySpan<char> parameters)
    {
        parameters = parameters.Trim();
        return parameters.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(parameters[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q)
            ? q
            : 1.0;
    }
}
