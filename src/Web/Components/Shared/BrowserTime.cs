using Microsoft.JSInterop;

namespace QrAspire.Web.Components.Shared;

/// <summary>The browser's IANA time zone (asked once per circuit), so dates and analytics read in the user's time.</summary>
public sealed class BrowserTime(IJSRuntime js)
{
    private TimeZoneInfo? _zone;

    public async Task<TimeZoneInfo> ZoneAsync()
    {
        if (_zone is null)
        {
            string id;
            try
            {
                id = await js.InvokeAsync<string>("qrConsole.timeZone");
            }
            catch (JSException)
            {
                id = "UTC";
            }

            _zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }

        return _zone;
    }

    /// <summary>A UTC time in the browser's zone, for display.</summary>
    public string Show(DateTime utc) => _zone is null
        ? utc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
