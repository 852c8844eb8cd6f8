using System.Text;

namespace QrAspire.QrEngine.Contents;

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

/// <summary>
/// Wi-Fi credentials in the de-facto <c>WIFI:</c> format (ZXing's): <c>WIFI:T:WPA;S:ssid;P:password;H:true;;</c>.
/// Backslash, semicolon, comma, colon and double quote in the SSID and password are escaped with a backslash.
/// </summary>
/// <param name="Ssid">The network name, 1–32 characters.</param>
/// <param name="Password">The password; required unless <paramref name="Security"/> is <see cref="WifiSecurity.None"/>.</param>
/// <param name="Security">The security type.</param>
/// <param name="Hidden">True when the network does not broadcast its SSID.</param>
public sealed record WifiQrContent(string Ssid, string? Password, WifiSecurity Security = WifiSecurity.Wpa, bool Hidden = false) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText()
    {
        var ssid = ContentGuard.Required(Ssid, "content.ssid", 32);
        var builder = new StringBuilder("WIFI:");
        switch (Security)
        {
            case WifiSecurity.Wpa:
                var wpa = ContentGuard.Required(Password, "content.password", 63);
                if (wpa.Length < 8)
                {
                    throw new QrEngineException(QrErrorCodes.InvalidContent, "content.password", "A WPA password has 8 to 63 characters.");
                }

                builder.Append("T:WPA;S:").Append(Escape(ssid)).Append(";P:").Append(Escape(wpa)).Append(';');
                break;
            case WifiSecurity.Wep:
                var wep = ContentGuard.Required(Password, "content.password", 32);
                builder.Append("T:WEP;S:").Append(Escape(ssid)).Append(";P:").Append(Escape(wep)).Append(';');
                break;
            case WifiSecurity.None:
                if (!string.IsNullOrEmpty(Password))
                {
                    throw new QrEngineException(QrErrorCodes.InvalidContent, "content.password", "An open network (security 'none') has no password.");
                }

                builder.Append("T:nopass;S:").Append(Escape(ssid)).Append(';');
                break;
            default:
                throw new QrEngineException(QrErrorCodes.InvalidContent, "content.security", $"Unknown Wi-Fi security '{Security}'.");
        }

        if (Hidden)
        {
            builder.Append("H:true;");
        }

        return builder.Append(';').ToString();
    }

    internal static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ';' or ',' or ':' or '"')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
