using System.Globalization;

namespace QrAspire.Web.Components.Pages.Codes;

/// <summary>
/// A code's routing as the rules editor changes it: mutable lists and text boxes (countries as "FR, BE"), turned
/// back into the Api's <see cref="QrCodeRouting"/> on save or preview. Parts the editor has no input for (a
/// variant's own UTM parameters) are carried through unchanged.
/// </summary>
public sealed class RoutingDraft
{
    public List<RuleDraft> Rules { get; } = [];

    public List<VariantDraft> Variants { get; } = [];

    public string ExpiredDestination { get; set; } = "";

    public string UtmSource { get; set; } = "";

    public string UtmMedium { get; set; } = "";

    public string UtmCampaign { get; set; } = "";

    public string UtmTerm { get; set; } = "";

    public string UtmContent { get; set; } = "";

    public static RoutingDraft Of(QrCodeRouting? routing)
    {
        var draft = new RoutingDraft { ExpiredDestination = routing?.ExpiredDestination ?? "" };
        draft.Rules.AddRange((routing?.Rules ?? []).Select(RuleDraft.Of));
        draft.Variants.AddRange((routing?.Variants ?? []).Select(VariantDraft.Of));
        var utm = routing?.Utm;
        draft.UtmSource = utm?.Source ?? "";
        draft.UtmMedium = utm?.Medium ?? "";
        draft.UtmCampaign = utm?.Campaign ?? "";
        draft.UtmTerm = utm?.Term ?? "";
        draft.UtmContent = utm?.Content ?? "";
        return draft;
    }

    /// <summary>
    /// The routing to send (it replaces the code's whole); an empty object removes it. The scan limit has its own
    /// editor on the page, so the caller passes the code's current one and saving rules never drops it.
    /// </summary>
    public QrCodeRouting ToRouting(ScanLimit? scanLimit) => new()
    {
        ScanLimit = scanLimit,
        Rules = Rules.Count == 0 ? null : [.. Rules.Select(r => r.ToRule())],
        Variants = VariantDraft.ToVariants(Variants),
        ExpiredDestination = Text(ExpiredDestination),
        Utm = Utm(UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent),
    };

    /// <summary>Moves the rule at <paramref name="index"/> by <paramref name="by"/> places (first match wins, so order matters).</summary>
    public void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= Rules.Count)
        {
            return;
        }

        (Rules[index], Rules[to]) = (Rules[to], Rules[index]);
    }

    internal static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static IReadOnlyList<string>? List(string? value) =>
        value?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items ? items : null;

    private static UtmParameters? Utm(string source, string medium, string campaign, string term, string content) =>
        new[] { source, medium, campaign, term, content }.All(string.IsNullOrWhiteSpace)
            ? null
            : new UtmParameters { Source = Text(source), Medium = Text(medium), Campaign = Text(campaign), Term = Text(term), Content = Text(content) };
}

/// <summary>One rule in the editor.</summary>
public sealed class RuleDraft
{
    public HashSet<string> Devices { get; } = new(StringComparer.Ordinal);

    public string Systems { get; set; } = "";

    public string Countries { get; set; } = "";

    public string Languages { get; set; } = "";

    public DateTime? From { get; set; }

    public DateTime? Until { get; set; }

    public string TimeZone { get; set; } = "";

    public string Destination { get; set; } = "";

    public List<VariantDraft> Variants { get; } = [];

    public static RuleDraft Of(RoutingRule rule)
    {
        var conditions = rule.Conditions;
        var draft = new RuleDraft
        {
            Systems = Join(conditions?.Os),
            Countries = Join(conditions?.Country),
            Languages = Join(conditions?.Language),
            From = conditions?.From,
            Until = conditions?.Until,
            TimeZone = conditions?.TimeZone ?? "",
            Destination = rule.Destination ?? "",
        };
        draft.Devices.UnionWith(conditions?.Device ?? []);
        draft.Variants.AddRange((rule.Variants ?? []).Select(VariantDraft.Of));
        return draft;
    }

    public void Toggle(string device)
    {
        if (!Devices.Remove(device))
        {
            Devices.Add(device);
        }
    }

    public RoutingRule ToRule()
    {
        var conditions = new RoutingConditions
        {
            Device = Devices.Count == 0 ? null : [.. Devices.Order(StringComparer.Ordinal)],
            Os = RoutingDraft.List(Systems),
            Country = RoutingDraft.List(Countries?.ToUpperInvariant()),
            Language = RoutingDraft.List(Languages?.ToLowerInvariant()),
            From = Unspecified(From),
            Until = Unspecified(Until),
            TimeZone = RoutingDraft.Text(TimeZone),
        };
        var empty = conditions is { Device: null, Os: null, Country: null, Language: null, From: null, Until: null, TimeZone: null };
        var variants = VariantDraft.ToVariants(Variants);
        return new RoutingRule
        {
            Conditions = empty ? null : conditions,
            Destination = variants is null ? RoutingDraft.Text(Destination) ?? "" : null,
            Variants = variants,
        };
    }

    /// <summary>What the rule asks for, in words, for its heading.</summary>
    public string Summary()
    {
        List<string> parts = [];
        if (Devices.Count > 0)
        {
            parts.Add(string.Join(" or ", Devices.Order(StringComparer.Ordinal)));
        }

        foreach (var (label, value) in new[] { ("OS", Systems), ("in", Countries), ("speaking", Languages) })
        {
            if (RoutingDraft.List(value) is { } items)
            {
                parts.Add($"{label} {string.Join("/", items)}");
            }
        }

        if (From is not null || Until is not null)
        {
            var zone = RoutingDraft.Text(TimeZone) ?? "UTC";
            parts.Add($"{Show(From, "…")} → {Show(Until, "…")} {zone}");
        }

        return parts.Count == 0 ? "every scan" : string.Join(", ", parts);
    }

    private static string Show(DateTime? at, string none) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? none;

    // The times are wall-clock times in the rule's zone (or UTC): sent without an offset, as the Api reads them.
    private static DateTime? Unspecified(DateTime? at) => at is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Unspecified) : null;

    private static string Join(IReadOnlyList<string>? values) => values is null ? "" : string.Join(", ", values);
}

/// <summary>One A/B variant in the editor.</summary>
public sealed class VariantDraft
{
    public string Destination { get; set; } = "";

    public int Weight { get; set; }

    /// <summary>The variant's own UTM parameters, kept as they were (the editor sets the code's).</summary>
    public UtmParameters? Utm { get; init; }

    public static VariantDraft Of(RoutingVariant variant) => new() { Destination = variant.Destination ?? "", Weight = variant.Weight, Utm = variant.Utm };

    internal static IReadOnlyList<RoutingVariant>? ToVariants(List<VariantDraft> variants) =>
        variants.Count == 0 ? null : [.. variants.Select(v => new RoutingVariant { Destination = RoutingDraft.Text(v.Destination) ?? "", Weight = v.Weight, Utm = v.Utm })];

    /// <summary>A new split of <paramref name="destination"/>: it keeps half, a second page gets the other half.</summary>
    public static void Split(List<VariantDraft> variants, string destination)
    {
        if (variants.Count == 0)
        {
            variants.Add(new VariantDraft { Destination = destination, Weight = 50 });
            variants.Add(new VariantDraft { Weight = 50 });
            return;
        }

        variants.Add(new VariantDraft());
    }
}
