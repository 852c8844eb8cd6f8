namespace QrAspire.Web.Api;

/// <summary>What the console reads off the Api's answers beyond their fields.</summary>
public static class ContractViews
{
    /// <summary>True for a code that encodes a short link.</summary>
    public static bool IsDynamic(this QrCodeResponse code) => WireNames.Is(code.Type, QrCodeType.Dynamic);

    /// <summary>True for a paused code.</summary>
    public static bool IsPaused(this QrCodeResponse code) => WireNames.Is(code.Status, QrCodeState.Paused);

    /// <summary>The content's type (<c>url</c>, <c>wifi</c>, …) of a static code, as the Api names it.</summary>
    public static string? ContentType(this QrCodeResponse code) => code.Content switch
    {
        UrlContent => "url",
        TextContent => "text",
        VCardContent => "vcard",
        WifiContent => "wifi",
        EmailContent => "email",
        SmsContent => "sms",
        PhoneContent => "phone",
        GeoContent => "geo",
        EventContent => "event",
        _ => null,
    };

    /// <summary>True while the Worker has not finished the batch.</summary>
    public static bool InProgress(this BatchResponse batch) => WireNames.Is(batch.Status, BatchState.Queued) || WireNames.Is(batch.Status, BatchState.Running);
}
