namespace QrAspire.Contracts;

/// <summary>
/// "Which destination would this visitor get?": a code's default destination and routing (saved or still being
/// edited) and a sample visitor, evaluated by the same compiled routing the redirect edge runs.
/// </summary>
public sealed record RoutingPreviewRequest
{
    /// <remarks>The code's default destination.</remarks>
    public string? Destination { get; init; }

    /// <remarks>The routing to try; null previews the destination alone (with nothing to choose from).</remarks>
    public QrCodeRouting? Routing { get; init; }

    /// <remarks>The code's short code: A/B variants are sticky per code, so the same visitor may get another variant elsewhere. Null for a code not created yet.</remarks>
    public string? ShortCode { get; init; }

    /// <remarks>Who scans, and when.</remarks>
    public RoutingVisitor? Visitor { get; init; }
}

/// <summary>A sample visitor: what the redirect edge reads from a scan's request.</summary>
public sealed record RoutingVisitor
{
    /// <remarks>The phone's or browser's <c>User-Agent</c>: it decides the device and operating system.</remarks>
    public string? UserAgent { get; init; }

    /// <remarks>ISO 3166-1 alpha-2 country code (<c>FR</c>).</remarks>
    public string? Country { get; init; }

    /// <remarks>The <c>Accept-Language</c> header (<c>fr-FR,fr;q=0.9,en;q=0.5</c>).</remarks>
    public string? AcceptLanguage { get; init; }

    /// <remarks>When the scan happens (with its offset); null for now.</remarks>
    public DateTimeOffset? At { get; init; }

    /// <remarks>The visitor's IP address: with the user agent it decides which A/B variant they keep for the day. Null for none.</remarks>
    public string? Address { get; init; }
}

/// <summary>Where the sample visitor goes, and why.</summary>
public sealed record RoutingPreviewResponse
{
    /// <remarks>The <c>Location</c> the edge would answer with (UTM parameters merged).</remarks>
    public required string Location { get; init; }

    /// <remarks>The index of the rule that answered, or null for the default destination.</remarks>
    public int? Rule { get; init; }

    /// <remarks>The index of the A/B variant chosen, or null when that destination has no variants.</remarks>
    public int? Variant { get; init; }

    /// <remarks>0–99: the visitor's share of any A/B split (variant <c>i</c> takes the buckets after the weights before it).</remarks>
    public int Bucket { get; init; }

    /// <remarks>How the edge classified the visitor: <c>ios</c>, <c>android</c>, <c>other-mobile</c>, <c>desktop</c>, or null when unknown.</remarks>
    public string? Device { get; init; }

    /// <remarks>The operating system as rules name it (<c>ios</c>, <c>windows</c>, …), or null when unknown.</remarks>
    public string? Os { get; init; }

    /// <remarks>The preferred language's primary tag (<c>fr</c>), or null.</remarks>
    public string? Language { get; init; }
}
