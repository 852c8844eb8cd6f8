namespace QrAspire.Api.Features.Domains;

/// <summary>
/// The multi-label public suffixes a branded domain may not be: names under which anyone can register
/// (<c>co.uk</c>) or host a site (<c>github.io</c>). Single labels (<c>com</c>, <c>dev</c>) need no list: a domain
/// of one label is refused anyway. This is a subset of the Public Suffix List (https://publicsuffix.org/list/), kept
/// here because no package served to this build ships the list; it covers the commonest country second levels and
/// hosting platforms. A name it misses is still safe: ownership is proven by a TXT record, which nobody can create
/// on a public suffix they do not run, so the list only turns a certain verification failure into a clear 400.
/// </summary>
internal static class PublicSuffixes
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // Country second levels.
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk", "sch.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "gr.jp",
        "co.kr", "or.kr", "ne.kr", "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in",
        "com.br", "net.br", "org.br", "gov.br", "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "com.tw", "com.sg",
        "com.mx", "com.ar", "com.co", "com.tr", "com.ua", "com.pl", "net.pl", "org.pl", "co.za", "org.za", "co.il",
        "com.es", "gob.es", "co.at", "or.at", "gv.at", "com.ru", "co.id", "or.id", "com.my", "com.ph", "com.vn", "com.eg",
        "com.sa", "co.th", "in.th", "com.pk", "com.ng", "co.ke", "com.pe", "com.ve", "com.uy", "com.ec", "eu.com", "us.com",
        // Hosting platforms (the list's private section).
        "github.io", "gitlab.io", "herokuapp.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "web.app",
        "firebaseapp.com", "appspot.com", "blogspot.com", "azurewebsites.net", "azurestaticapps.net", "cloudfront.net",
        "s3.amazonaws.com", "elasticbeanstalk.com", "fly.dev", "onrender.com", "glitch.me", "ngrok.io", "ngrok.app",
        "repl.co", "surge.sh", "wordpress.com", "squarespace.com", "myshopify.com", "wixsite.com", "duckdns.org",
        "dyndns.org", "no-ip.org", "readthedocs.io",
    };

    /// <summary>Whether <paramref name="name"/> (normalised) is one of the suffixes.</summary>
    public static bool Contains(string name) => Names.Contains(name);
}
