using System.Net;
using QrAspire.Platform.Scans;

namespace QrAspire.Redirector.Scans;

/// <summary>
/// A scan as the request path hands it over: raw values only. Turning them into strings, spotting bots and
/// writing JSON happen on the writer's thread, off the request path.
/// </summary>
public readonly record struct PendingScan(
    Guid Id, string Code, string? QrId, long OccurredAtTicks, IPAddress? Ip,
    string? UserAgent, string? Referrer, string? AcceptLanguage, bool IsHead)
{
    public ScanEvent ToEvent(out string? bot)
    {
        bot = LinkPreviewBots.Match(UserAgent);
        return new ScanEvent(Id.ToString(), Code, QrId, new DateTime(OccurredAtTicks, DateTimeKind.Utc), Ip?.ToString(),
            Truncate(UserAgent, 512), Truncate(Referrer, 1024), Truncate(AcceptLanguage, 256),
            IsHead ? "HEAD" : "GET", IsHead, bot is not null, bot);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
