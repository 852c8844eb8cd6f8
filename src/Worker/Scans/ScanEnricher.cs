using QrAspire.Data.Model;
using QrAspire.Platform.Scans;

namespace QrAspire.Worker.Scans;

/// <summary>Turns a queued <see cref="ScanEvent"/> into a stored <see cref="Scan"/>: geolocate, classify, then forget the IP.</summary>
public sealed class ScanEnricher(GeoLocator geo, VisitorSalt salts)
{
    /// <summary>The enriched scan. The raw address is used for GeoIP and the visitor hash only, never returned.</summary>
    public async ValueTask<Scan> EnrichAsync(ScanEvent scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var address = IpAnonymiser.Parse(scan.Ip);
        var location = geo.Locate(address);
        var agent = UserAgentClassifier.Classify(scan.UserAgent);
        var occurredAt = scan.OccurredAt.Kind == DateTimeKind.Utc ? scan.OccurredAt : scan.OccurredAt.ToUniversalTime();
        var salt = await salts.ForDayAsync(DateOnly.FromDateTime(occurredAt)).ConfigureAwait(false);
        return new Scan
        {
            Id = scan.Id,
            QrCodeId = scan.QrId!,
            ShortCode = scan.Code,
            OccurredAt = occurredAt,
            Country = location.Country,
            Region = location.Region,
            City = location.City,
            DeviceType = agent.DeviceType,
            Os = agent.Os,
            Browser = agent.Browser,
            ReferrerHost = ReferrerHost(scan.Referrer),
            IpAnonymised = address is null ? "" : IpAnonymiser.Anonymise(address),
            VisitorHash = VisitorSalt.Hash(salt, address?.ToString(), scan.UserAgent, scan.Code),
            // The Redirector knows the common preview bots; the classifier knows more.
            IsBot = scan.IsBot || agent.IsBot,
            IsHead = scan.IsHead,
            Rule = scan.ExpiredFallback == true || scan.LimitFallback == true ? null : (short?)scan.Rule,
            Variant = scan.ExpiredFallback == true || scan.LimitFallback == true ? null : (short?)scan.Variant,
            ExpiredFallback = scan.ExpiredFallback == true,
            LimitFallback = scan.LimitFallback == true,
        };
    }

    /// <summary>The lower-case host of an absolute http(s) referrer; empty when there is none or it is not a URL.</summary>
    public static string ReferrerHost(string? referrer) =>
        Uri.TryCreate(referrer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.IdnHost.ToLowerInvariant() is var host && host.Length <= 255 ? host : host[..255]
            : "";

    // Far above any real rule or variant index (20 rules, 10 variants) and inside a smallint column.
    private const int MaxRoutingIndex = 999;

    /// <summary>Why <paramref name="scan"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(ScanEvent scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return !Plain(scan.Id, 64) ? "id is missing, longer than 64 characters or not printable"
            : !Plain(scan.QrId, 32) ? "qr_id is missing, longer than 32 characters or not printable"
            : !Plain(scan.Code, 64) ? "code is missing, longer than 64 characters or not printable"
            : scan.OccurredAt == default ? "occurred_at is missing"
            : scan.Rule is < 0 or > MaxRoutingIndex ? "rule is not an index from 0 to 999"
            : scan.Variant is < 0 or > MaxRoutingIndex ? "variant is not an index from 0 to 999"
            : scan.ExpiredFallback == true && scan.LimitFallback == true ? "expired_fallback and limit_fallback are both set"
            : null;
    }

    // Keys go into text columns as they are: PostgreSQL refuses NUL, and no real key has control characters.
    private static bool Plain(string? value, int max) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= max && !value.Any(char.IsControl);
}
