using System.Globalization;
using System.Text;

namespace QrAspire.Platform.Routing;

/// <summary>Destinations as <c>Location</c> header values, shared by the Redirector and the Api's routing preview.</summary>
public static class SafeLocation
{
    /// <summary>
    /// The stored destination as a <c>Location</c> value, or null when it is not an absolute http(s) URL: the Api
    /// validates on write, and this keeps a bad row from becoming a redirect anywhere else or an invalid header.
    /// </summary>
    public static string? Of(string? destination)
    {
        if (destination is null || destination.Length > 2048
            || !Uri.TryCreate(destination, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || destination.AsSpan().ContainsAnyInRange('\0', ' '))
        {
            return null;
        }

        // Header values must be ASCII: keep what the owner typed when it is, else its punycode/percent-escaped form.
        var location = Ascii.IsValid(destination)
            ? destination
            : $"{uri.Scheme}://{uri.IdnHost}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}{uri.PathAndQuery}{uri.Fragment}";
        return Ascii.IsValid(location) && !location.AsSpan().ContainsAnyInRange('\0', ' ') && !location.Contains('\x7f', StringComparison.Ordinal)
            ? location
            : null;
    }
}
