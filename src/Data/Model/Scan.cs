using QrAspire.Platform.Database;

namespace QrAspire.Data.Model;

/// <summary>
/// One scan of a dynamic code, enriched by the Worker. The raw IP address is never stored: only its anonymised form
/// (IPv4 /24, IPv6 /48) and a visitor hash salted per day. Rows older than <c>SCAN_RETENTION_DAYS</c> are deleted;
/// <see cref="ScanHour"/>, <see cref="ScanDimensionHour"/> and <see cref="ScanDimensionDay"/> keep the counts.
/// </summary>
public sealed class Scan
{
    /// <summary>The scan event's id (a UUIDv7): the idempotency key of at-least-once delivery.</summary>
    public required string Id { get; init; }

    /// <summary>The scanned code (<c>qr_codes.id</c>).</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The short code that was requested.</summary>
    public required string ShortCode { get; init; }

    /// <summary>When the redirect was answered (UTC).</summary>
    public DateTime OccurredAt { get; init; }

    /// <summary>ISO 3166-1 country code, or <c>unknown</c>.</summary>
    public required string Country { get; init; }

    /// <summary>Region (most specific subdivision) name, or <c>unknown</c>.</summary>
    public required string Region { get; init; }

    /// <summary>City name, or <c>unknown</c>.</summary>
    public required string City { get; init; }

    /// <summary><c>mobile</c>, <c>tablet</c>, <c>desktop</c>, <c>bot</c> or <c>unknown</c>.</summary>
    public required string DeviceType { get; init; }

    /// <summary>Operating system family, e.g. <c>iOS</c>, or <c>unknown</c>.</summary>
    public required string Os { get; init; }

    /// <summary>Browser with major version, e.g. <c>Chrome 120</c>, or <c>unknown</c>.</summary>
    public required string Browser { get; init; }

    /// <summary>The referrer's host, lower case; empty for a direct scan.</summary>
    public required string ReferrerHost { get; init; }

    /// <summary>The client address cut to its /24 (IPv4) or /48 (IPv6); empty when unknown.</summary>
    public required string IpAnonymised { get; init; }

    /// <summary>Hash of (daily salt, IP, user agent, code): counts unique scanners without storing who they are.</summary>
    public required string VisitorHash { get; init; }

    /// <summary>A crawler or link-preview bot.</summary>
    public bool IsBot { get; init; }

    /// <summary>A <c>HEAD</c> request (a link checker).</summary>
    public bool IsHead { get; init; }

    /// <summary>The index of the routing rule that answered; null for the default destination (and scans stored before routing).</summary>
    public short? Rule { get; init; }

    /// <summary>The index of the A/B variant that answered; null without a split.</summary>
    public short? Variant { get; init; }

    /// <summary>An expired code sent this scan to its fallback destination.</summary>
    public bool ExpiredFallback { get; init; }

    /// <summary>A code past its scan limit answered this scan with its limit fallback (the fallback destination, or 410 without one).</summary>
    public bool LimitFallback { get; init; }
}

/// <summary>
/// Scans and first visits per code and UTC hour, split by traffic kind: the time series and totals read only these
/// rows (a 90-day series of one code is at most 2,160 hours × 4 kinds), never the scans or visitors.
/// </summary>
public sealed class ScanHour
{
    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The hour (UTC, truncated).</summary>
    public DateTime Hour { get; init; }

    /// <summary>See <see cref="Scan.IsBot"/>.</summary>
    public bool IsBot { get; init; }

    /// <summary>See <see cref="Scan.IsHead"/>.</summary>
    public bool IsHead { get; init; }

    /// <summary>How many scans.</summary>
    public long Scans { get; set; }

    /// <summary>
    /// How many (visitor, UTC day) pairs had their first scan of the day in this hour; counted on the row of the
    /// visitor's <see cref="ScanVisitor.IsBot"/> with <see cref="IsHead"/> false.
    /// </summary>
    public long UniqueScanners { get; set; }
}

/// <summary>The breakdown dimensions of <see cref="ScanDimensionHour"/> and <see cref="ScanDimensionDay"/> (stored as smallint).</summary>
public enum ScanDimension : short
{
    /// <summary><see cref="Scan.Country"/>.</summary>
    Country = 0,

    /// <summary><see cref="Scan.Region"/>.</summary>
    Region = 1,

    /// <summary><see cref="Scan.City"/>.</summary>
    City = 2,

    /// <summary><see cref="Scan.DeviceType"/>.</summary>
    DeviceType = 3,

    /// <summary><see cref="Scan.Os"/>.</summary>
    Os = 4,

    /// <summary><see cref="Scan.Browser"/>.</summary>
    Browser = 5,

    /// <summary><see cref="Scan.ReferrerHost"/> (empty = direct).</summary>
    Referrer = 6,
}

/// <summary>
/// Scans per code, UTC hour and ONE dimension's value: the breakdowns of the partial UTC days at the ends of a range.
/// </summary>
public sealed class ScanDimensionHour
{
    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The hour (UTC, truncated).</summary>
    public DateTime Hour { get; init; }

    /// <summary>Which dimension <see cref="Value"/> belongs to.</summary>
    public ScanDimension Dimension { get; init; }

    /// <summary>The dimension's value, e.g. <c>CH</c> for <see cref="ScanDimension.Country"/>.</summary>
    public required string Value { get; init; }

    /// <summary>See <see cref="Scan.IsBot"/>.</summary>
    public bool IsBot { get; init; }

    /// <summary>See <see cref="Scan.IsHead"/>.</summary>
    public bool IsHead { get; init; }

    /// <summary>How many scans.</summary>
    public long Scans { get; set; }
}

/// <summary>Scans per code, UTC day and ONE dimension's value: the breakdowns of the whole UTC days of a range.</summary>
public sealed class ScanDimensionDay
{
    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The day (UTC midnight).</summary>
    public DateTime Day { get; init; }

    /// <summary>Which dimension <see cref="Value"/> belongs to.</summary>
    public ScanDimension Dimension { get; init; }

    /// <summary>The dimension's value.</summary>
    public required string Value { get; init; }

    /// <summary>See <see cref="Scan.IsBot"/>.</summary>
    public bool IsBot { get; init; }

    /// <summary>See <see cref="Scan.IsHead"/>.</summary>
    public bool IsHead { get; init; }

    /// <summary>How many scans.</summary>
    public long Scans { get; set; }
}

/// <summary>One unique scanner of a code on one day (UTC): the daily salt makes the hash meaningless the next day.</summary>
public sealed class ScanVisitor
{
    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The day (UTC midnight).</summary>
    public DateTime Day { get; init; }

    /// <summary>See <see cref="Scan.VisitorHash"/>.</summary>
    public required string VisitorHash { get; init; }

    /// <summary>The first scan of this visitor that day came from a bot.</summary>
    public bool IsBot { get; init; }

    /// <summary>The hour (UTC) of this visitor's first scan that day, for time series of unique scanners.</summary>
    public DateTime FirstHour { get; init; }

    /// <summary>
    /// The first hour this row had before a scan that arrived late moved it earlier (null until then): lets the
    /// same statement move the visitor's count in <see cref="ScanHour.UniqueScanners"/> from that hour to the new one.
    /// </summary>
    public DateTime? PreviousFirstHour { get; init; }
}

/// <summary>
/// Scans and first visits per code, UTC hour and the routing that answered them: kept only for scans that a rule, an
/// A/B variant, the expiry fallback or the limit fallback answered, so plain codes add no rows. The default destination without a variant
/// is the rest of <see cref="ScanHour"/>.
/// </summary>
public sealed class ScanRouteHour
{
    /// <summary><see cref="Rule"/> of the default destination (with a variant).</summary>
    public const short DefaultRule = Schema.ScanRouteHours.Rules.Default;

    /// <summary><see cref="Rule"/> of a scan an expired code sent to its fallback.</summary>
    public const short ExpiredFallbackRule = Schema.ScanRouteHours.Rules.ExpiredFallback;

    /// <summary><see cref="Rule"/> of a scan a code past its scan limit answered with its limit fallback (destination or 410).</summary>
    public const short LimitFallbackRule = Schema.ScanRouteHours.Rules.LimitFallback;

    /// <summary><see cref="Variant"/> of a destination without A/B variants.</summary>
    public const short NoVariant = -1;

    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The hour (UTC, truncated).</summary>
    public DateTime Hour { get; init; }

    /// <summary>The rule's index, <see cref="DefaultRule"/>, <see cref="ExpiredFallbackRule"/> or <see cref="LimitFallbackRule"/>.</summary>
    public short Rule { get; init; }

    /// <summary>The variant's index or <see cref="NoVariant"/>.</summary>
    public short Variant { get; init; }

    /// <summary>See <see cref="Scan.IsBot"/>.</summary>
    public bool IsBot { get; init; }

    /// <summary>See <see cref="Scan.IsHead"/>.</summary>
    public bool IsHead { get; init; }

    /// <summary>How many scans.</summary>
    public long Scans { get; set; }

    /// <summary>
    /// How many (visitor, UTC day) pairs had their first scan of the day with this rule and variant in this hour;
    /// counted for variants only (<see cref="Variant"/> ≥ 0), on the visitor's <see cref="ScanRouteVisitor.IsBot"/> row with <see cref="IsHead"/> false.
    /// </summary>
    public long UniqueScanners { get; set; }
}

/// <summary>One unique scanner of one A/B variant of a code on one UTC day: the bookkeeping behind <see cref="ScanRouteHour.UniqueScanners"/>.</summary>
public sealed class ScanRouteVisitor
{
    /// <summary>The code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The day (UTC midnight).</summary>
    public DateTime Day { get; init; }

    /// <summary>See <see cref="ScanRouteHour.Rule"/>.</summary>
    public short Rule { get; init; }

    /// <summary>See <see cref="ScanRouteHour.Variant"/>.</summary>
    public short Variant { get; init; }

    /// <summary>See <see cref="Scan.VisitorHash"/>.</summary>
    public required string VisitorHash { get; init; }

    /// <summary>The first scan of this visitor and variant that day came from a bot.</summary>
    public bool IsBot { get; init; }

    /// <summary>The hour (UTC) of this visitor's first scan of this variant that day.</summary>
    public DateTime FirstHour { get; init; }

    /// <summary>See <see cref="ScanVisitor.PreviousFirstHour"/>.</summary>
    public DateTime? PreviousFirstHour { get; init; }
}

/// <summary>A queue element the Worker could not ingest, kept with the reason for an operator.</summary>
public sealed class ScanDeadLetter
{
    /// <summary>Random id.</summary>
    public required string Id { get; init; }

    /// <summary>The element as it was in the queue (UTF-8, possibly cut to 8,000 characters).</summary>
    public required string Payload { get; init; }

    /// <summary>Why it was refused.</summary>
    public required string Reason { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime FailedAt { get; init; }
}
