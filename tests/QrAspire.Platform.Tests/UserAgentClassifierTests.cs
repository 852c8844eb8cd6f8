using QrAspire.Platform.Scans;

namespace QrAspire.Platform.Tests;

public sealed class UserAgentClassifierTests
{
    // Real-world agents (phones scanning codes, in-app browsers, desktops, preview bots and HTTP clients).
    public static TheoryData<string, string, string, string, bool> Agents => new()
    {
        // iPhone and iPad
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari 17", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari 16", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6.6 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari 15", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Chrome 120", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15", "mobile", "iOS", "Firefox 121", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.2210.150 Mobile/15E148 Safari/605.1.15", "mobile", "iOS", "Edge 120", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 311.0.2.29.103 (iPhone14,5; iOS 17_1; en_US; en; scale=3.00; 1170x2532; 545947620)", "mobile", "iOS", "Instagram 311", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone13,2;FBMD/iPhone;FBSN/iOS;FBSV/16.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBAV/421.0.0.32.107]", "mobile", "iOS", "Facebook 421", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "mobile", "iOS", "iOS WebView", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.60.0.44 (like Safari/8616.2.9.10.8, panda)", "mobile", "iOS", "Snapchat 12", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2c) NetType/WIFI Language/zh_CN", "mobile", "iOS", "WeChat 8", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15", "mobile", "iOS", "DuckDuckGo 7", false },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Mobile/15E148 Safari/604.1 OPT/4.3.2", "mobile", "iOS", "Opera 4", false },
        { "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "tablet", "iOS", "Safari 17", false },
        { "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1", "tablet", "iOS", "Chrome 119", false },
        { "Mozilla/5.0 (iPod touch; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari 12", false },

        // Android phones and tablets
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "mobile", "Android", "Chrome 120", false },
        { "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36", "mobile", "Android", "Chrome 119", false },
        { "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", "mobile", "Android", "Samsung Internet 23", false },
        { "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "mobile", "Android", "Firefox 121", false },
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.2210.115", "mobile", "Android", "Edge 120", false },
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 OPR/79.2.4195.76563", "mobile", "Android", "Opera 79", false },
        { "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 310.0.0.37.328 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536B; a53x; s5e8825; de_DE; 545986888)", "mobile", "Android", "Instagram 310", false },
        { "Mozilla/5.0 (Linux; Android 12; M2101K6G Build/SKQ1.210908.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.33.113;]", "mobile", "Android", "Facebook 442", false },
        { "Mozilla/5.0 (Linux; Android 11; Redmi Note 8 Build/RKQ1.201004.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36", "mobile", "Android", "Android WebView 118", false },
        { "Mozilla/5.0 (Linux; U; Android 10; en-US; RMX1911 Build/QKQ1.200209.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36", "mobile", "Android", "UC Browser 13", false },
        { "Mozilla/5.0 (Linux; Android 12; 2201117TG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.5615.136 Mobile Safari/537.36 XiaoMi/MiuiBrowser/14.5.10-gn", "mobile", "Android", "MIUI Browser 14", false },
        { "Mozilla/5.0 (Linux; arm_64; Android 13; SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.5993.118 YaBrowser/23.11.3.58 Mobile Safari/537.36", "mobile", "Android", "Yandex Browser 23", false },
        { "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "tablet", "Android", "Chrome 120", false },
        { "Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/119.3.1 like Chrome/119.0.6045.193 Safari/537.36", "tablet", "Android", "Chrome 119", false },
        { "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.14977", "mobile", "Windows Phone", "Edge 15", false },

        // Desktops
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "desktop", "Windows", "Chrome 120", false },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "desktop", "Windows", "Edge 120", false },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "desktop", "Windows", "Firefox 121", false },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0", "desktop", "Windows", "Opera 106", false },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 YaBrowser/23.11.0.0 Safari/537.36", "desktop", "Windows", "Yandex Browser 23", false },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Vivaldi/6.5.3206.48", "desktop", "Windows", "Vivaldi 6", false },
        { "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", "desktop", "Windows", "Internet Explorer 11", false },
        { "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)", "desktop", "Windows", "Internet Explorer 8", false },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15", "desktop", "macOS", "Safari 17", false },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "desktop", "macOS", "Chrome 120", false },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.2; rv:121.0) Gecko/20100101 Firefox/121.0", "desktop", "macOS", "Firefox 121", false },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.77", "desktop", "macOS", "Edge 120", false },
        { "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "desktop", "Linux", "Chrome 120", false },
        { "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "desktop", "Linux", "Firefox 121", false },
        { "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "desktop", "ChromeOS", "Chrome 120", false },

        // Link-preview bots, crawlers and HTTP clients
        { "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "bot", "unknown", "Facebook preview", true },
        { "WhatsApp/2.23.20.0 A", "bot", "unknown", "WhatsApp", true },
        { "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "bot", "unknown", "Slackbot", true },
        { "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "bot", "unknown", "Discordbot", true },
        { "TelegramBot (like TwitterBot)", "bot", "unknown", "TelegramBot", true },
        { "Twitterbot/1.0", "bot", "unknown", "Twitterbot", true },
        { "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "bot", "unknown", "LinkedInBot", true },
        { "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot", "Android", "Googlebot", true },
        { "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bot", "unknown", "Bingbot", true },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", "bot", "macOS", "Applebot", true },
        { "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "bot", "unknown", "YandexBot", true },
        { "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36", "bot", "Linux", "HeadlessChrome", true },
        { "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com", "bot", "Windows", "Skype preview", true },
        { "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "bot", "unknown", "other bot", true },
        { "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", "bot", "unknown", "other bot", true },
        { "curl/8.4.0", "bot", "unknown", "curl", true },
        { "Wget/1.21.3", "bot", "unknown", "Wget", true },
        { "python-requests/2.31.0", "bot", "unknown", "python-requests", true },
        { "Go-http-client/1.1", "bot", "unknown", "Go-http-client", true },
        { "PostmanRuntime/7.36.0", "bot", "unknown", "Postman", true },
    };

    [Theory]
    [MemberData(nameof(Agents))]
    public void RealWorldAgentsAreClassified(string userAgent, string device, string os, string browser, bool isBot)
    {
        Assert.Equal(new UserAgentInfo(device, os, browser, isBot), UserAgentClassifier.Classify(userAgent));
    }

    [Fact]
    public void TheTableHasAtLeastFiftyAgents() => Assert.True(Agents.Count >= 50);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("something/1.0")]
    public void MissingOrUnrecognisedAgentsAreUnknown(string? userAgent)
    {
        Assert.Equal(new UserAgentInfo("unknown", "unknown", "unknown", false), UserAgentClassifier.Classify(userAgent));
    }
}
