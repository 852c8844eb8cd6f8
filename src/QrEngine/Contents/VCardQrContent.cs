using System.Text;

namespace QrAspire.QrEngine.Contents;

/// <summary>
/// A contact card in vCard 3.0 (RFC 2426). Text values escape backslash, semicolon and comma and turn
/// line breaks into <c>\n</c>; lines are folded at 75 octets with CRLF + space; lines end with CRLF.
/// </summary>
public sealed record VCardQrContent : IQrContent
{
    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Organisation.</summary>
    public string? Organization { get; init; }

    /// <summary>Job title.</summary>
    public string? Title { get; init; }

    /// <summary>Work phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Mobile phone number.</summary>
    public string? Mobile { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Web site (http or https).</summary>
    public string? Url { get; init; }

    /// <summary>Street address.</summary>
    public string? Street { get; init; }

    /// <summary>City (locality).</summary>
    public string? City { get; init; }

    /// <summary>Region or state.</summary>
    public string? Region { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    public string? Country { get; init; }

    /// <summary>A free-text note; line breaks allowed.</summary>
    public string? Note { get; init; }

    /// <inheritdoc />
    public string ToQrText()
    {
        var first = ContentGuard.Optional(FirstName, "content.firstName", 100);
        var last = ContentGuard.Optional(LastName, "content.lastName", 100);
        var organization = ContentGuard.Optional(Organization, "content.organization", 200);
        if (first is null && last is null && organization is null)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.firstName", "A vCard needs a first name, a last name or an organization.");
        }

        var title = ContentGuard.Optional(Title, "content.title", 200);
        var phone = Phone is null ? null : ContentGuard.PhoneNumber(Phone, "content.phone");
        var mobile = Mobile is null ? null : ContentGuard.PhoneNumber(Mobile, "content.mobile");
        var email = Email is null ? null : ContentGuard.EmailAddress(Email, "content.email");
        var url = Url is null ? null : new UrlQrContent(Url).ToQrText();
        var street = ContentGuard.Optional(Street, "content.street", 200);
        var city = ContentGuard.Optional(City, "content.city", 100);
        var region = ContentGuard.Optional(Region, "content.region", 100);
        var postalCode = ContentGuard.Optional(PostalCode, "content.postalCode", 20);
        var country = ContentGuard.Optional(Country, "content.country", 100);
        var note = ContentGuard.Optional(Note, "content.note", 1000, allowLineBreaks: true);

        var formattedName = string.Join(' ', new[] { first, last }.Where(part => part is not null));
        if (formattedName.Length == 0)
        {
            formattedName = organization!;
        }

        var card = new StringBuilder(256);
        ContentLines.AppendFolded(card, "BEGIN:VCARD");
        ContentLines.AppendFolded(card, "VERSION:3.0");
        ContentLines.AppendFolded(card, $"N:{Escape(last)};{Escape(first)};;;");
        ContentLines.AppendFolded(card, $"FN:{Escape(formattedName)}");
        AppendIfPresent(card, "ORG", organization);
        AppendIfPresent(card, "TITLE", title);
        AppendIfPresent(card, "TEL;TYPE=WORK,VOICE", phone);
        AppendIfPresent(card, "TEL;TYPE=CELL", mobile);
        AppendIfPresent(card, "EMAIL;TYPE=INTERNET", email);
        if (url is not null)
        {
            // A URI value is not TEXT: it is not backslash-escaped.
            ContentLines.AppendFolded(card, "URL:" + url);
        }

        if (street is not null || city is not null || region is not null || postalCode is not null || country is not null)
        {
            ContentLines.AppendFolded(card, $"ADR;TYPE=WORK:;;{Escape(street)};{Escape(city)};{Escape(region)};{Escape(postalCode)};{Escape(country)}");
        }

        AppendIfPresent(card, "NOTE", note);
        ContentLines.AppendFolded(card, "END:VCARD");
        return card.ToString();
    }

    private static string Escape(string? value) => value is null ? string.Empty : ContentLines.EscapeText(value);

    private static void AppendIfPresent(StringBuilder card, string name, string? value)
    {
        if (value is not null)
        {
            ContentLines.AppendFolded(card, name + ":" + ContentLines.EscapeText(value));
        }
    }
}
