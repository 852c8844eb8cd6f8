using System.Text.RegularExpressions;

namespace QrAspire.Platform.Scans;

/// <summary>What a user agent says about the scanner.</summary>
/// <param name="DeviceType"><c>mobile</c>, <c>tablet</c>, <c>desktop</c>, <c>bot</c> or <c>unknown</c>.</param>
/// <param name="Os">Operating system family, or <c>unknown</c>.</param>
/// <param name="Browser">Browser (or bot) name with its major version where it has one, or <c>unknown</c>.</param>
/// <param name="IsBot">A crawler, link-preview fetcher or HTTP library.</param>
public sealed record UserAgentInfo(string DeviceType, string Os, string Browser, bool IsBot);

/// <summary>
/// A small classifier of the user agents that scan QR codes: phones' browsers and in-app browsers, desktop
/// browsers, and the bots that fetch links for previews. No parser package restores here, and the common agents
/// follow few patterns; the order of the checks below matters (Edge and Opera also say "Chrome", Chrome also says
/// "Safari").
/// </summary>
public static partial class UserAgentClassifier
{
    /// <summary>What an unrecognised value is called.</summary>
    public const string Unknown = "unknown";

    private static readonly UserAgentInfo UnknownAgent = new(Unknown, Unknown, Unknown, false);

    private static readonly (string Token, string Name)[] Bots =
    [
        ("facebookexternalhit", "Facebook preview"), ("facebookcatalog", "Facebook preview"), ("WhatsApp", "WhatsApp"),
        ("Slackbot", "Slackbot"), ("Slack-ImgProxy", "Slackbot"), ("Discordbot", "Discordbot"), ("TelegramBot", "TelegramBot"),
        ("Twitterbot", "Twitterbot"), ("LinkedInBot", "LinkedInBot"), ("Pinterest", "Pinterest"), ("SkypeUriPreview", "Skype preview"),
        ("Googlebot", "Googlebot"), ("AdsBot-Google", "Googlebot"), ("Google-InspectionTool", "Googlebot"), ("bingbot", "Bingbot"),
        ("Applebot", "Applebot"), ("YandexBot", "YandexBot"), ("DuckDuckBot", "DuckDuckBot"), ("Baiduspider", "Baiduspider"),
        ("redditbot", "redditbot"), ("Embedly", "Embedly"), ("Iframely", "Iframely"), ("MicrosoftPreview", "Microsoft preview"),
        ("Mastodon", "Mastodon"), ("HeadlessChrome", "HeadlessChrome"), ("curl/", "curl"), ("Wget/", "Wget"),
        ("python-requests", "python-requests"), ("python-urllib", "python-urllib"), ("Go-http-client", "Go-http-client"),
        ("Java/", "Java"), ("axios/", "axios"), ("node-fetch", "node-fetch"), ("PostmanRuntime", "Postman"),
    ];

    /// <summary>Classifies <paramref name="userAgent"/>; null or empty is unknown (not a bot).</summary>
    public static UserAgentInfo Classify(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return UnknownAgent;
        }

        foreach (var (token, name) in Bots)
        {
            if (userAgent.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return new UserAgentInfo("bot", Os(userAgent), name, true);
            }
        }

        if (GenericBot().IsMatch(userAgent))
        {
            return new UserAgentInfo("bot", Os(userAgent), "other bot", true);
        }

        return new UserAgentInfo(DeviceType(userAgent), Os(userAgent), Browser(userAgent), false);
    }

    /// <summary>
    /// The device type alone (<c>mobile</c>, <c>tablet</c>, <c>desktop</c> or <c>unknown</c>), without the bot checks:
    /// a constant string, so the Redirector's routing can ask on every request without allocating.
    /// </summary>
    public static string DeviceType(string ua)
    {
        ArgumentNullException.ThrowIfNull(ua);
        if (Has(ua, "iPad") || Has(ua, "Tablet") || Has(ua, "Kindle") || Has(ua, "Silk/") || (Has(ua, "Android") && !Has(ua, "Mobile")))
        {
            return "tablet";
        }

        if (Has(ua, "iPhone") || Has(ua, "iPod") || Has(ua, "Mobile") || Has(ua, "Windows Phone") || Has(ua, "BlackBerry") || Has(ua, "Opera Mini"))
        {
            return "mobile";
        }

        // iPadOS 13+ Safari says "Macintosh": it counts as desktop, as analytics products generally do.
        return Has(ua, "Windows NT") || Has(ua, "Macintosh") || Has(ua, "X11") || Has(ua, "CrOS") || Has(ua, "Linux") ? "desktop" : Unknown;
    }

    /// <summary>The operating system family alone (<c>iOS</c>, <c>Android</c>, … or <c>unknown</c>), a constant string.</summary>
    public static string Os(string ua)
    {
        ArgumentNullException.ThrowIfNull(ua);
        return Has(ua, "Windows Phone") ? "Windows Phone"
            : Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod") ? "iOS"
            : Has(ua, "Android") ? "Android"
            : Has(ua, "CrOS") ? "ChromeOS"
            : Has(ua, "Windows") ? "Windows"
            : Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS"
            : Has(ua, "Linux") || Has(ua, "X11") ? "Linux"
            : Unknown;
    }

    private static string Browser(string ua)
    {
        string? version;
        if ((version = Version(ua, "Edg/") ?? Version(ua, "EdgA/") ?? Version(ua, "EdgiOS/") ?? Version(ua, "Edge/")) is not null)
        {
            return "Edge " + version;
        }

        if ((version = Version(ua, "OPR/") ?? Version(ua, "OPT/") ?? Version(ua, "OPX/")) is not null)
        {
            return "Opera " + version;
        }

        foreach (var (token, name) in InApp)
        {
            if ((version = Version(ua, token)) is not null)
            {
                return name + " " + version;
            }
        }

        if (Has(ua, "FBAN/") || Has(ua, "FB_IAB/"))
        {
            return Version(ua, "FBAV/") is { } fb ? "Facebook " + fb : "Facebook";
        }

        if ((version = Version(ua, "Firefox/") ?? Version(ua, "FxiOS/")) is not null)
        {
            return "Firefox " + version;
        }

        if ((version = Version(ua, "CriOS/")) is not null)
        {
            return "Chrome " + version;
        }

        if ((version = Version(ua, "Chrome/")) is not null)
        {
            // Android's WebView says "; wv)": an app's embedded browser, not Chrome itself.
            return (Has(ua, "; wv)") ? "Android WebView " : "Chrome ") + version;
        }

        if (Has(ua, "Safari/") && (version = Version(ua, "Version/")) is not null)
        {
            return "Safari " + version;
        }

        if ((Has(ua, "iPhone") || Has(ua, "iPad")) && Has(ua, "AppleWebKit"))
        {
            return "iOS WebView";
        }

        if ((version = Version(ua, "MSIE ")) is not null)
        {
            return "Internet Explorer " + version;
        }

        return Has(ua, "Trident/7.0") ? "Internet Explorer 11" : Unknown;
    }

    private static readonly (string Token, string Name)[] InApp =
    [
        ("SamsungBrowser/", "Samsung Internet"), ("YaBrowser/", "Yandex Browser"), ("UCBrowser/", "UC Browser"),
        ("Instagram ", "Instagram"), ("Snapchat/", "Snapchat"), ("Line/", "LINE"), ("MicroMessenger/", "WeChat"),
        ("DuckDuckGo/", "DuckDuckGo"), ("Vivaldi/", "Vivaldi"), ("Brave/", "Brave"), ("MiuiBrowser/", "MIUI Browser"),
    ];

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.Ordinal);

    // The major version right after the token: digits up to the first non-digit.
    private static string? Version(string ua, string token)
    {
        var at = ua.IndexOf(token, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + token.Length;
        var end = start;
        while (end < ua.Length && char.IsAsciiDigit(ua[end]) && end - start < 6)
        {
            end++;
        }

        return end > start ? ua[start..end] : null;
    }

    [GeneratedRegex(@"bot\b|crawler|spider|slurp|preview|scrape|fetcher|monitor|checker", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericBot();
}
