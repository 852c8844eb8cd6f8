using System.Globalization;
using System.Text;

namespace QrAspire.Data;

/// <summary>
/// The one rule for e-mail identity. Two addresses are the same account when their <see cref="Normalize"/> forms are
/// equal: Unicode NFKC (compatibility characters such as the Kelvin sign U+212A, fullwidth letters, ligatures and
/// mathematical letters become the plain letter) and then case-folded. Registration, sign-in, password reset and the
/// migration step all compare these forms, so a look-alike spelling cannot claim a second account for an address.
/// </summary>
public static class EmailAddresses
{
    /// <summary>The identity key: trimmed, NFKC, case-folded (unique per account).</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        // Upper then lower folds what lower-casing alone keeps apart (long s ſ → s, final sigma ς → σ, dotless ı → i);
        // NFKC again because case mapping can produce a decomposable sequence.
        return Canonical(email).ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>The address to store and mail to: trimmed and NFKC, case as typed.</summary>
    public static string Canonical(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return WellFormed(email.Trim()).Normalize(NormalizationForm.FormKC);
    }

    // string.Normalize throws on a lone surrogate; such input can only come from a hostile client, and U+FFFD keeps
    // it from matching any real address.
    private static string WellFormed(string value)
    {
        var builder = new StringBuilder(value.Length);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            builder.Append(rune.ToString()); // an invalid sequence decodes as U+FFFD
            rest = rest[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="c"/> has no place in an address: controls, invisible format characters (zero-width, bidi overrides), separators.</summary>
    public static bool IsForbidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator or UnicodeCategory.OtherNotAssigned
        || char.IsWhiteSpace(c);
}
