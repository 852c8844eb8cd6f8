using System.Globalization;
using System.Net;

namespace QrAspire.Api.Features.Domains;

/// <summary>What a branded domain's name must be: a DNS host name of two labels or more that is not an address, a public suffix or one of the service's own hosts.</summary>
internal static class DomainNames
{
    /// <summary>The field a request names its domain in.</summary>
    public const string Field = "name";

    /// <summary>The label the TXT record is created under: <c>_qraspire-challenge.{domain}</c>.</summary>
    public const string ChallengeLabel = "_qraspire-challenge";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The TXT record's name for <paramref name="name"/>.</summary>
    public static string ChallengeName(string name) => $"{ChallengeLabel}.{name}";

    /// <summary>
    /// <paramref name="raw"/> trimmed, without a trailing dot, lower-case, IDN labels in punycode; or the field error
    /// that refuses it.
    /// </summary>
    public static (string? Name, FieldError? Error) Normalize(string? raw, DomainSettings settings)
    {
        var text = raw?.Trim() ?? "";
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length == 0)
        {
            return Refuse("Give a host name such as go.example.com.", "domain_required");
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out _))
        {
            return Refuse("Give a host name, not an IP address: short links need a name a certificate can be issued for.", "domain_ip_address");
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Refuse("Give a host name only (letters, digits, '-' and dots), without a scheme, port or path.", "domain_invalid");
        }

        if (ascii.Length > 253 || !ascii.Split('.').All(IsLabel))
        {
            return Refuse("Give a host name only (letters, digits, '-' and dots), without a scheme, port or path.", "domain_invalid");
        }

        if (!ascii.Contains('.', StringComparison.Ordinal))
        {
            return Refuse("Give a name of at least two labels, such as go.example.com.", "domain_single_label");
        }

        // A numeric last label is an address in disguise (1.2.3.999) or no name at all.
        if (ascii[(ascii.LastIndexOf('.') + 1)..].All(char.IsAsciiDigit))
        {
            return Refuse("Give a host name, not an IP address: short links need a name a certificate can be issued for.", "domain_ip_address");
        }

        if (PublicSuffixes.Contains(ascii))
        {
            return Refuse($"'{ascii}' is a public suffix anyone can register under; give a domain of your own, such as go.yourcompany.{ascii}.", "domain_public_suffix");
        }

        if (settings.ReservedHosts.Any(host => ascii == host || ascii.EndsWith("." + host, StringComparison.Ordinal)))
        {
            return Refuse($"'{ascii}' belongs to this service; give a domain of your own.", "domain_reserved");
        }

        return (ascii, null);
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static (string?, FieldError?) Refuse(string reason, string code) => (null, new FieldError(Field, reason, code));
}
