using System.Text.Json.Serialization;
using QrAspire.QrEngine.Payloads;

namespace QrAspire.Codes;

/// <summary>
/// What a static code encodes, chosen by <c>type</c>: <c>url</c>, <c>text</c>, <c>vcard</c>, <c>wifi</c>, <c>email</c>,
/// <c>sms</c>, <c>phone</c>, <c>geo</c>, <c>event</c>. Stored as this JSON; validated and escaped by the QR engine.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(UrlContent), "url")]
[JsonDerivedType(typeof(TextContent), "text")]
[JsonDerivedType(typeof(VCardContent), "vcard")]
[JsonDerivedType(typeof(WifiContent), "wifi")]
[JsonDerivedType(typeof(EmailContent), "email")]
[JsonDerivedType(typeof(SmsContent), "sms")]
[JsonDerivedType(typeof(PhoneContent), "phone")]
[JsonDerivedType(typeof(GeoContent), "geo")]
[JsonDerivedType(typeof(EventContent), "event")]
public abstract record QrContent
{
    /// <summary>The engine's payload for this content.</summary>
    public abstract IQrPayload ToPayload();
}

public sealed record UrlContent(string Url) : QrContent
{
    public override IQrPayload ToPayload() => new UrlPayload(Url);
}

public sealed record TextContent(string Text) : QrContent
{
    public override IQrPayload ToPayload() => new TextPayload(Text);
}

public sealed record WifiContent(string Ssid, string? Password = null, WifiSecurity Security = WifiSecurity.Wpa, bool Hidden = false) : QrContent
{
    public override IQrPayload ToPayload() => new WifiPayload(Ssid, Password, Security, Hidden);
}

public sealed record EmailContent(string To, string? Subject = null, string? Body = null) : QrContent
{
    public override IQrPayload ToPayload() => new EmailPayload(To, Subject, Body);
}

public sealed record SmsContent(string Number, string? Message = null) : QrContent
{
    public override IQrPayload ToPayload() => new SmsPayload(Number, Message);
}

public sealed record PhoneContent(string Number) : QrContent
{
    public override IQrPayload ToPayload() => new PhonePayload(Number);
}

public sealed record GeoContent(double Latitude, double Longitude, double? Altitude = null) : QrContent
{
    public override IQrPayload ToPayload() => new GeoPayload(Latitude, Longitude, Altitude);
}

public sealed record EventContent(string Summary, DateTimeOffset Start, DateTimeOffset End, string? Location = null, string? Description = null, bool AllDay = false) : QrContent
{
    public override IQrPayload ToPayload() => new CalendarEventPayload(Summary, Start, End, Location, Description, AllDay);
}

public sealed record VCardContent : QrContent
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Organization { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? Mobile { get; init; }
    public string? Email { get; init; }
    public string? Url { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? Note { get; init; }

    public override IQrPayload ToPayload() => new VCardPayload
    {
        FirstName = FirstName,
        LastName = LastName,
        Organization = Organization,
        Title = Title,
        Phone = Phone,
        Mobile = Mobile,
        Email = Email,
        Url = Url,
        Street = Street,
        City = City,
        Region = Region,
        PostalCode = PostalCode,
        Country = Country,
        Note = Note,
    };
}
