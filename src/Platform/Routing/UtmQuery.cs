using System.Text;

namespace QrAspire.Platform.Routing;

/// <summary>
/// Adds UTM parameters to a destination. Rule: each parameter goes before the fragment, joined with <c>?</c> or
/// <c>&amp;</c> as the URL needs; a key the destination's query already holds (compared case-insensitively) is left as
/// the destination has it — never duplicated, never overwritten. Values are percent-encoded.
/// </summary>
public static class UtmQuery
{
    /// <summary>The parameter names, in the order they are appended.</summary>
    public static readonly string[] Keys = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

    /// <summary><paramref name="destination"/> with the set values of <paramref name="values"/> (in <see cref="Keys"/> order) added.</summary>
    public static string Merge(string destination, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(values);
        var hash = destination.IndexOf('#', StringComparison.Ordinal);
        var beforeFragment = hash < 0 ? destination : destination[..hash];
        var fragment = hash < 0 ? "" : destination[hash..];
        var question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? "" : beforeFragment[(question + 1)..];
        var builder = new StringBuilder(beforeFragment);
        var separator = question < 0 ? "?" : query.Length == 0 || query.EndsWith('&') ? "" : "&";
        for (var i = 0; i < Keys.Length && i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]) || HasKey(query, Keys[i]))
            {
                continue;
            }

            builder.Append(separator).Append(Keys[i]).Append('=').Append(Uri.EscapeDataString(values[i]!));
            separator = "&";
        }

        return builder.Append(fragment).ToString();
    }

    private static bool HasKey(string query, string key)
    {
        foreach (var part in query.Split('&'))
        {
            var name = part.Split('=', 2)[0];
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase) || string.Equals(Uri.UnescapeDataString(name), key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
