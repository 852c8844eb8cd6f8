using System.Buffers;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// Known link-preview bots and crawlers, recognised by their user agent. Chat apps fetch a link when it is pasted,
/// before any person scans it; those fetches are flagged so they don't count as scans.
/// </summary>
public static class LinkPreviewBots
{
    private static readonly string[] Names =
    [
        "facebookexternalhit", "Facebot", "Twitterbot", "Slackbot", "Slack-ImgProxy", "LinkedInBot", "WhatsApp",
        "TelegramBot", "Discordbot", "SkypeUriPreview", "Applebot", "Googlebot", "bingbot", "redditbot",
        "Pinterest", "Embedly", "vkShare", "Iframely", "Mastodon", "Bluesky", "Snapchat", "YandexBot", "DuckDuckBot",
        "Baiduspider", "GPTBot", "ClaudeBot", "PerplexityBot", "curl/", "Wget/", "python-requests", "Go-http-client",
        "HeadlessChrome", "bot/", "crawler", "spider",
    ];

    private static readonly SearchValues<string> Search = SearchValues.Create(Names, StringComparison.OrdinalIgnoreCase);

    /// <summary>The bot's name when <paramref name="userAgent"/> is a known bot, else null.</summary>
    public static string? Match(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        var at = userAgent.AsSpan().IndexOfAny(Search);
        if (at < 0)
        {
            return null;
        }

        var rest = userAgent.AsSpan(at);
        foreach (var name in Names)
        {
            if (rest.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return name.TrimEnd('/');
            }
        }

        return "bot";
    }
}
