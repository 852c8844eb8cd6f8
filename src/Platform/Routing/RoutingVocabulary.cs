using System.Collections.Frozen;

namespace QrAspire.Platform.Routing;

/// <summary>
/// The values a routing condition may name, shared by the Api (which refuses anything else) and the Redirector
/// (which matches scans against them).
/// </summary>
public static class RoutingVocabulary
{
    /// <summary>At most this many rules per code: each scan may try them all.</summary>
    public const int MaxRules = 20;

    /// <summary>An A/B split has at least this many variants.</summary>
    public const int MinVariants = 2;

    /// <summary>An A/B split has at most this many variants.</summary>
    public const int MaxVariants = 10;

    /// <summary>At most this many values in one condition's list.</summary>
    public const int MaxConditionValues = 50;

    /// <summary>The longest UTM value.</summary>
    public const int MaxUtmLength = 200;

    /// <summary>The largest scan limit a code may have.</summary>
    public const long MaxScanLimit = 1_000_000_000;

    public const string Ios = "ios";
    public const string Android = "android";
    public const string OtherMobile = "other-mobile";
    public const string Desktop = "desktop";

    /// <summary>Device types: iOS and Android phones and tablets, any other phone or tablet, desktops.</summary>
    public static readonly FrozenSet<string> Devices = new[] { Ios, Android, OtherMobile, Desktop }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Operating systems, as <c>UserAgentClassifier.Os</c> names them, in the Api's lower-case spelling.</summary>
    public static readonly FrozenDictionary<string, string> OsByClassifierName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["iOS"] = "ios",
        ["Android"] = "android",
        ["Windows"] = "windows",
        ["macOS"] = "macos",
        ["Linux"] = "linux",
        ["ChromeOS"] = "chromeos",
        ["Windows Phone"] = "windows-phone",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The operating systems a condition may name.</summary>
    public static readonly FrozenSet<string> OperatingSystems = OsByClassifierName.Values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>ISO 3166-1 alpha-2 country codes, plus <c>XK</c> (Kosovo) as GeoIP databases use it.</summary>
    public static readonly FrozenSet<string> Countries = Split("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
        GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
        JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
        MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
        RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
        TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
        """);

    /// <summary>ISO 639-1 language codes.</summary>
    public static readonly FrozenSet<string> Languages = Split("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
        eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
        ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne
        ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st
        su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """);

    private static FrozenSet<string> Split(string codes) =>
        codes.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
