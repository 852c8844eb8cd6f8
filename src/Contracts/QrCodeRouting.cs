namespace QrAspire.Contracts;

/// <summary>
/// Where a dynamic code sends each scan beside its default destination: rules (first match wins), A/B variants of the
/// default destination, a fallback once the code has expired, and UTM parameters added to every destination.
/// </summary>
public sealed record QrCodeRouting
{
    /// <remarks>Up to 20 rules, tried in order; the first whose conditions all hold answers. None matching: the default destination.</remarks>
    public IReadOnlyList<RoutingRule>? Rules { get; init; }

    /// <remarks>A/B variants of the default destination (2–10, weights summing to 100), or null for the destination itself.</remarks>
    public IReadOnlyList<RoutingVariant>? Variants { get; init; }

    /// <remarks>Where an expired code redirects instead of answering 410 (sent as is, without UTM parameters).</remarks>
    public string? ExpiredDestination { get; init; }

    /// <remarks>UTM parameters added to every destination of the code (a variant's own ones win key by key).</remarks>
    public UtmParameters? Utm { get; init; }

    /// <remarks>How many counted scans (people, not bots or HEAD requests) the code answers before it stops; null for no limit.</remarks>
    public ScanLimit? ScanLimit { get; init; }
}

/// <remarks>A cap on a code's counted scans: once reached, scans go to the fallback destination, or get 410 without one.</remarks>
public sealed record ScanLimit
{
    /// <remarks>1 to 1,000,000,000: the counted scans the code answers as usual.</remarks>
    public long Scans { get; init; }

    /// <remarks>Where scans go after the limit (sent as is, without UTM parameters); null for 410.</remarks>
    public string? FallbackDestination { get; init; }
}

/// <remarks>One rule: when all its conditions hold, the scan goes to its destination (or one of its variants).</remarks>
public sealed record RoutingRule
{
    /// <remarks>What must hold; null or empty matches every scan (only the last rule may be unconditional).</remarks>
    public RoutingConditions? Conditions { get; init; }

    /// <remarks>Where a matching scan goes.</remarks>
    public string? Destination { get; init; }

    /// <remarks>A/B variants of this rule's destination (2–10, weights summing to 100).</remarks>
    public IReadOnlyList<RoutingVariant>? Variants { get; init; }
}

/// <summary>Conditions of a rule; every one that is set must hold, and a list holds when any of its values does.</summary>
public sealed record RoutingConditions
{
    /// <remarks><c>ios</c>, <c>android</c>, <c>other-mobile</c> (other phones and tablets) or <c>desktop</c>.</remarks>
    public IReadOnlyList<string>? Device { get; init; }

    /// <remarks><c>ios</c>, <c>android</c>, <c>windows</c>, <c>macos</c>, <c>linux</c>, <c>chromeos</c> or <c>windows-phone</c>.</remarks>
    public IReadOnlyList<string>? Os { get; init; }

    /// <remarks>ISO 3166-1 alpha-2 country codes (<c>FR</c>), of the scanner's address.</remarks>
    public IReadOnlyList<string>? Country { get; init; }

    /// <remarks>ISO 639-1 language codes (<c>fr</c>): the primary tag of the scanner's most preferred <c>Accept-Language</c>.</remarks>
    public IReadOnlyList<string>? Language { get; init; }

    /// <remarks>From when the rule holds (inclusive): in <see cref="TimeZone"/> when set, else UTC.</remarks>
    public DateTime? From { get; init; }

    /// <remarks>Until when the rule holds (exclusive): in <see cref="TimeZone"/> when set, else UTC.</remarks>
    public DateTime? Until { get; init; }

    /// <remarks>An IANA time zone (<c>Europe/Paris</c>) that <see cref="From"/> and <see cref="Until"/> are read in; null for UTC.</remarks>
    public string? TimeZone { get; init; }
}

/// <remarks>One variant of an A/B split.</remarks>
public sealed record RoutingVariant
{
    /// <remarks>Where this variant's share of scans goes.</remarks>
    public string? Destination { get; init; }

    /// <remarks>1–99: the percentage of visitors sent here; a split's weights sum to 100.</remarks>
    public int Weight { get; init; }

    /// <remarks>UTM parameters of this variant; each one set replaces the code's.</remarks>
    public UtmParameters? Utm { get; init; }
}

/// <summary>UTM parameters; each set one is added to a destination whose query does not already name it.</summary>
public sealed record UtmParameters
{
    /// <remarks><c>utm_source</c>.</remarks>
    public string? Source { get; init; }

    /// <remarks><c>utm_medium</c>.</remarks>
    public string? Medium { get; init; }

    /// <remarks><c>utm_campaign</c>.</remarks>
    public string? Campaign { get; init; }

    /// <remarks><c>utm_term</c>.</remarks>
    public string? Term { get; init; }

    /// <remarks><c>utm_content</c>.</remarks>
    public string? Content { get; init; }
}
