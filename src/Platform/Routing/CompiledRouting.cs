using Microsoft.Extensions.Primitives;

namespace QrAspire.Platform.Routing;

/// <summary>Where one evaluation sends a scan: the <c>Location</c> value, and which rule and variant answered.</summary>
/// <param name="Location">The precomputed header value.</param>
/// <param name="Rule">The rule's index, or -1 for the default destination.</param>
/// <param name="Variant">The variant's index, or -1 when the destination has no variants.</param>
public readonly record struct RoutingAnswer(StringValues Location, int Rule, int Variant);

/// <summary>
/// A code's routing, compiled once per cache fill: every destination's <c>Location</c> (UTM parameters merged) is
/// computed ahead, conditions are arrays and tick ranges, A/B splits are a 100-slot table, so evaluating a scan only
/// compares and indexes.
/// </summary>
public sealed class CompiledRouting
{
    internal CompiledRouting(CompiledRule[] rules, RoutingTarget? defaultTarget, StringValues expiredLocation, bool needsVisitor)
    {
        Rules = rules;
        DefaultTarget = defaultTarget;
        ExpiredLocation = expiredLocation;
        NeedsCountry = Array.Exists(rules, r => r.Countries.Length > 0);
        NeedsVisitor = needsVisitor;
    }

    internal CompiledRule[] Rules { get; }

    /// <summary>The default destination's variants (or its UTM-merged location), or null for the entry's own <c>Location</c>.</summary>
    internal RoutingTarget? DefaultTarget { get; }

    /// <summary>Where an expired code redirects, or empty for 410.</summary>
    public StringValues ExpiredLocation { get; }

    /// <summary>How many counted scans the code answers before <see cref="LimitLocation"/> (or 410) takes over; 0 for no limit.</summary>
    public long ScanLimit { get; init; }

    /// <summary>Where scans go once <see cref="ScanLimit"/> is reached, or empty for 410.</summary>
    public StringValues LimitLocation { get; init; }

    /// <summary>Whether any rule asks for a country (only then is the country header read).</summary>
    public bool NeedsCountry { get; }

    /// <summary>False when nothing depends on the visitor (only UTM or an expiry fallback): no evaluation is needed.</summary>
    public bool NeedsVisitor { get; }

    /// <summary>Where <paramref name="visitor"/> goes; <paramref name="fallback"/> when no rule matches and the default has no variants.</summary>
    public RoutingAnswer Evaluate(in Visitor visitor, StringValues fallback)
    {
        var rules = Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Matches(visitor))
            {
                var target = rules[i].Target;
                return new RoutingAnswer(target.Choose(visitor.Bucket, out var variant), i, variant);
            }
        }

        if (DefaultTarget is { } defaultTarget)
        {
            return new RoutingAnswer(defaultTarget.Choose(visitor.Bucket, out var variant), -1, variant);
        }

        return new RoutingAnswer(fallback, -1, -1);
    }
}

/// <summary>One compiled rule: every set condition must hold.</summary>
internal sealed class CompiledRule(string[] devices, string[] systems, string[] countries, string[] languages, long fromTicks, long untilTicks, RoutingTarget target)
{
    public string[] Devices { get; } = devices;

    public string[] Systems { get; } = systems;

    public string[] Countries { get; } = countries;

    public string[] Languages { get; } = languages;

    public RoutingTarget Target { get; } = target;

    public bool Matches(in Visitor visitor) =>
        visitor.UtcTicks >= fromTicks && visitor.UtcTicks < untilTicks
        && (Devices.Length == 0 || (visitor.Device is { } device && Array.IndexOf(Devices, device) >= 0))
        && (Systems.Length == 0 || (visitor.OsName is { } os && Array.IndexOf(Systems, os) >= 0))
        && (Countries.Length == 0 || AnyEqual(Countries, visitor.Country))
        && (Languages.Length == 0 || AnyEqual(Languages, visitor.Language));

    private static bool AnyEqual(string[] values, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var candidate in values)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A destination, or an A/B split: <c>slots[bucket]</c> is the variant a bucket 0–99 goes to.</summary>
internal sealed class RoutingTarget(StringValues[] locations, byte[] slots)
{
    public StringValues[] Locations { get; } = locations;

    public StringValues Choose(int bucket, out int variant)
    {
        if (slots.Length == 0)
        {
            variant = -1;
            return Locations[0];
        }

        variant = slots[bucket];
        return Locations[variant];
    }
}
