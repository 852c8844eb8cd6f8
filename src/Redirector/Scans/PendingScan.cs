using System.Net;
using QrAspire.Platform.Scans;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// A scan as the request path hands it over: raw values only. Turning them into strings, spotting bots and
/// writing JSON happen on the writer's thread, off the request path.
/// </summary>
public readonly record struct PendingScan(
    Guid Id, string Code, string? QrId, long OccurredAtTicks, IPAddress? Ip,
    string? UserAgent, string? Referrer, string? AcceptLanguage, bool IsHead, short Rule = PendingScan.NoRule, short Variant = PendingScan.NoVariant)
{
    /// <summary><see cref="Rule"/> when the code has no routing or its default destination answered.</summary>
    public const short NoRule = -1;

    /// <summary><see cref="Rule"/> when an expired code sent the scan to its fallback.</summary>
    public const short ExpiredFallback = -2;

    /// <summary><see cref="Rule"/> when a code past its scan limit answered with its limit fallback (the fallback destination, or 410).</summary>
    public const short LimitFallback = -3;

    /// <summary><see cref="Variant"/> when the destination has no A/B variants.</summary>
    public const short NoVariant = -1;

    public ScanEvent ToEvent(out string? bot)
    {
        bot = LinkPreviewBots.Match(UserAgent);
        return new ScanEvent(Id.ToString(), Code, QrId, new DateTime(OccurredAtTicks, DateTimeKind.Utc), Ip?.ToString(),
            Truncate(UserAgent, 512), Truncate(Referrer, 1024), Truncate(AcceptLanguage, 256),
            IsHead ? "HEAD" : "GET", IsHead, bot is not null, bot,
            Rule >= 0 ? Rule : null, Variant >= 0 ? Variant : null, Rule == ExpiredFallback ? true : null, Rule == LimitFallback ? true : null);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
