using System.Text.Json.Serialization;

namespace QrAspire.Contracts;

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
public abstract record QrContent;

// Types without a <summary> keep the OpenAPI document as it was: a summary becomes a schema's description there.

/// <remarks>A web address (<c>type: url</c>).</remarks>
public sealed record UrlContent(string Url) : QrContent;

/// <remarks>Plain text (<c>type: text</c>).</remarks>
public sealed record TextContent(string Text) : QrContent;

/// <remarks>A Wi-Fi network to join (<c>type: wifi</c>).</remarks>
public sealed record WifiContent(string Ssid, string? Password = null, WifiSecurity Security = WifiSecurity.Wpa, bool Hidden = false) : QrContent;

/// <remarks>An e-mail to write (<c>type: email</c>).</remarks>
public sealed record EmailContent(string To, string? Subject = null, string? Body = null) : QrContent;

/// <remarks>A text message to send (<c>type: sms</c>).</remarks>
public sealed record SmsContent(string Number, string? Message = null) : QrContent;

/// <remarks>A number to call (<c>type: phone</c>).</remarks>
public sealed record PhoneContent(string Number) : QrContent;

/// <remarks>A place (<c>type: geo</c>).</remarks>
public sealed record GeoContent(double Latitude, double Longitude, double? Altitude = null) : QrContent;

/// <remarks>A calendar event (<c>type: event</c>).</remarks>
public sealed record EventContent(string Summary, DateTimeOffset Start, DateTimeOffset End, string? Location = null, string? Description = null, bool AllDay = false) : QrContent;

/// <remarks>A contact card (<c>type: vcard</c>).</remarks>
public sealed record VCardContent : QrContent
{
    // The vCard fields say what they are; a summary would also change the OpenAPI document.
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
}

/// <summary>How a Wi-Fi network is secured.</summary>
public enum WifiSecurity
{
    /// <summary>WPA/WPA2/WPA3 personal (<c>T:WPA</c>).</summary>
    Wpa,

    /// <summary>Legacy WEP (<c>T:WEP</c>).</summary>
    Wep,

    /// <summary>An open network (<c>T:nopass</c>, no password).</summary>
    None,
}
