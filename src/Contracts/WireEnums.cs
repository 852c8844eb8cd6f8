namespace QrAspire.Contracts;

/// <summary>A code's <c>type</c>: its content encoded directly, or a short link that redirects.</summary>
public enum QrCodeType
{
    /// <summary><c>static</c>: the content itself.</summary>
    Static,

    /// <summary><c>dynamic</c>: a short link to a destination that can change.</summary>
    Dynamic,
}

/// <summary>A code's <c>status</c>.</summary>
public enum QrCodeState
{
    /// <summary><c>active</c>: it redirects.</summary>
    Active,

    /// <summary><c>paused</c>: scans see a notice instead of the destination.</summary>
    Paused,
}

/// <summary>A bulk job's <c>status</c>.</summary>
public enum BatchState
{
    /// <summary><c>queued</c>: accepted, waiting for a Worker.</summary>
    Queued,

    /// <summary><c>running</c>: a Worker is creating or rendering its codes.</summary>
    Running,

    /// <summary><c>completed</c>: the ZIP can be downloaded.</summary>
    Completed,

    /// <summary><c>failed</c>: see its error.</summary>
    Failed,
}

/// <summary>
/// The names <see cref="QrCodeType"/>, <see cref="QrCodeState"/> and <see cref="BatchState"/> have on the wire: their
/// members in lower case. The models carry them as strings, so the OpenAPI document keeps listing them as strings and a
/// wrong value stays a field error rather than a body that cannot be read.
/// </summary>
public static class WireNames
{
    /// <summary>The wire name of <paramref name="value"/>, e.g. <c>dynamic</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The member whose wire name is exactly <paramref name="value"/> (case-sensitive, as the Api reads it).</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>True when <paramref name="value"/> is the wire name of <paramref name="expected"/>.</summary>
    public static bool Is<TEnum>(string? value, TEnum expected) where TEnum : struct, Enum => TryParse<TEnum>(value, out var parsed) && parsed.Equals(expected);
}
